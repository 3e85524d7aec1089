using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Streaming.EndToEnd.Tests;

/// <summary>Records from systems of record over HTTP: linked across systems, NHS numbers never stored or dead-lettered in clear.</summary>
[Trait("Category", "EndToEnd")]
public sealed class RecordIngestTests : SiloTest
{
    protected override Dictionary<string, string> Settings => new()
    {
        // A test key, generated for this test; production keys come from a secret store.
        ["Identifiers:Key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("end-to-end-test-key-0123456789")),
    };

    [Fact]
    public async Task Records_TwoSystemsSamePatient_OnePersonNoNumberInClear()
    {
        const string records = """
            [{"source":"pas","system":"hospital-a","type":"patient","id":"A-1","time":"2026-11-25T10:00:00Z","fields":{"nhsNumber":"943 476 5919","ward":"7"}},
             {"source":"gp","system":"gp-b","type":"patient","id":"B-9","time":"2026-11-25T10:05:00Z","fields":{"nhs_number":"9434765919","practice":"L85001"}},
             {"source":"pas","system":"hospital-a","type":"patient","id":"A-2","time":"2026-11-25T10:06:00Z","fields":{"nhsNumber":"943 476 5918"}},
             {"source":"ods","system":"nhs-ods","type":"gp-practice","id":"L85001","time":"2026-11-25T10:07:00Z","fields":{"phone":"01823 331381"}}]
            """;
        using var response = await Silo.Http.PostAsync("/api/ingest/records", new StringContent(records, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(3, report.GetProperty("accepted").GetInt32());
        Assert.Equal("InvalidIdentifier", Assert.Single(report.GetProperty("rejections").EnumerateArray()).GetProperty("reason").GetString());

        var letters = await Silo.Http.GetStringAsync("/api/deadletters?reason=InvalidIdentifier");
        Assert.DoesNotContain("5918", Encoding.UTF8.GetString(JsonDocument.Parse(letters).RootElement[0].GetProperty("payload").GetBytesFromBase64()), StringComparison.Ordinal);

        var link = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/links/hospital-a/A-1");
        var person = link.GetProperty("entity").GetString()!;
        Assert.StartsWith("person:nhs:", person, StringComparison.Ordinal);
        Assert.Equal(person, (await Silo.Http.GetFromJsonAsync<JsonElement>("/api/links/gp-b/B-9")).GetProperty("entity").GetString());
        var entity = await Silo.Http.GetStringAsync($"/api/entities/{person}");
        Assert.DoesNotContain("9434765919", entity, StringComparison.Ordinal);
        Assert.Contains("\"ward\":\"7\"", entity, StringComparison.Ordinal);

        var practice = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/place:ods:L85001");
        Assert.Equal("01823 331381", practice.GetProperty("attributes").GetProperty("phone").GetString());
        Assert.Equal("ods-code", practice.GetProperty("records")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Links_WrongLinkUndone_RowOnItsOwnEntity()
    {
        const string record = """{"source":"council","system":"council","type":"site","id":"S-1","time":"2026-11-25T10:00:00Z","fields":{"odsCode":"L85002"}}""";
        using var posted = await Silo.Http.PostAsync("/api/ingest/records", new StringContent(record, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        using var undone = await Silo.Http.PostAsync("/api/links/council/S-1/undo", null);

        Assert.Equal(HttpStatusCode.OK, undone.StatusCode);
        Assert.Equal("record:council:S-1", (await undone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entity").GetString());
        var wells = await Silo.Http.GetFromJsonAsync<JsonElement>("/api/entities/place:ods:L85002");
        Assert.Equal(0, wells.GetProperty("records").GetArrayLength());
    }
}
