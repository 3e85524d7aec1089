using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>Sensors registered to two real practices roll up to the practices' areas and the system, through the API.</summary>
[Trait("Category", "EndToEnd")]
public sealed class LinkingTests : SiloTest
{
    [Fact]
    public async Task SensorsAtTwoPractices_RollUpToTheirAreasAndSystem()
    {
        var taunton = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/places/ods:L85001");
        var wells = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/places/ods:L85002");
        var (tauntonArea, wellsArea) = (taunton.GetProperty("area").GetString()!, wells.GetProperty("area").GetString()!);
        Assert.NotEqual(tauntonArea, wellsArea);

        await Link("aq-taunton", "ods:L85001");
        await Link("aq-wells", "ods:L85002");
        const string readings = """
            [{"source":"aq-taunton","time":"2026-11-25T10:00:00Z","readings":{"pm25":10}},
             {"source":"aq-taunton","time":"2026-11-25T10:10:00Z","readings":{"pm25":20}},
             {"source":"aq-wells","time":"2026-11-25T10:05:00Z","readings":{"pm25":30}}]
            """;
        using var posted = await Silo.Http.PostAsync("/api/ingest", new StringContent(readings, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var practice = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/place:ods:L85001/windows?metric=pm25&size=1h");
        Assert.Equal(2, Assert.Single(practice.EnumerateArray()).GetProperty("count").GetInt32());
        await WaitForWindow($"area={tauntonArea}", count: 2, mean: 15);
        await WaitForWindow($"area={wellsArea}", count: 1, mean: 30);
        await WaitForWindow("", count: 3, mean: 20);
    }

    [Fact]
    public async Task PlaceSearch_TypeAheadAndNearest_AnswerFromRealData()
    {
        var search = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/places/search?q=french%20wier%20av");
        Assert.Equal("ods:L85001", search[0].GetProperty("id").GetString());
        var byPostcode = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/places/search?q=ba51xj");
        Assert.Contains(byPostcode.EnumerateArray(), p => p.GetProperty("id").GetString() == "ods:L85002");

        var place = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/places/ods:L85003");
        var nearest = await Silo.Http.GetFromJsonAsync<JsonElement>(
            $"/api/places/nearest?lat={place.GetProperty("latitude").GetDouble()}&lon={place.GetProperty("longitude").GetDouble()}&limit=1");
        Assert.Equal("ods:L85003", nearest[0].GetProperty("id").GetString());
        Assert.Equal(0, nearest[0].GetProperty("distanceMetres").GetDouble(), 1);

        using var unknown = await Silo.Http.PutAsJsonAsync("/api/sources/x/link", new { place = "ods:NOPE" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    private async Task Link(string source, string place)
    {
        using var response = await Silo.Http.PutAsJsonAsync($"/api/sources/{source}/link", new { place });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task WaitForWindow(string area, int count, double mean)
    {
        JsonElement windows = default;
        await Eventually.AssertAsync(async () =>
        {
            windows = await Silo.Http.GetFromJsonAsync<JsonElement>($"/api/trends/windows?metric=pm25&size=1h&{area}");
            return windows.GetArrayLength() == 1 && windows[0].GetProperty("count").GetInt32() == count;
        }, TimeSpan.FromSeconds(20), $"a 1h pm25 roll-up window ({(area.Length == 0 ? "system" : area)}) with count {count}");
        Assert.Equal(mean, windows[0].GetProperty("mean").GetDouble(), 9);
    }
}
