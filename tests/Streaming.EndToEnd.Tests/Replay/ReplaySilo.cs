using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Streaming.Domain;
using Streaming.Ingress;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// One silo with its own archive folder, fed three days of the UCI air quality data over HTTP (the last rows of the
/// 13th excluded), shared by the replay tests. <see cref="Settings"/> are the silo's settings, for the in-process replay.
/// </summary>
public sealed class ReplaySilo : IAsyncLifetime
{
    public static readonly string Root = RepositoryRoot.Find();

    /// <summary>The two full UTC days the tests replay.</summary>
    public static readonly DateTimeOffset From = new(2004, 3, 11, 0, 0, 0, TimeSpan.Zero), To = From.AddDays(2);

    public string Archive { get; } = Path.Combine(Path.GetTempPath(), "replay-e2e-" + Guid.NewGuid().ToString("N"));

    public IReadOnlyDictionary<string, string> SiloSettings => new Dictionary<string, string>
    {
        ["Replay:ArchiveFolder"] = Archive,
        ["Windows:Sizes:0"] = "01:00:00",
        ["Windows:Sizes:1"] = "1.00:00:00",
        ["Windows:RetainWindows"] = "10000",
    };

    internal List<OpenDataSets.Row> Sent { get; private set; } = [];

    internal SiloProcess Silo { get; private set; } = null!;

    /// <summary>Replay settings equal to the silo's (defaults, the window settings above, the real place registry).</summary>
    public static ReplaySettings Settings()
    {
        var places = new OpenDataPlaceRegistry(Options.Create(new PlacesOptions { DataFolder = Path.Combine(Root, "data", "addresses") }),
            NullLogger<OpenDataPlaceRegistry>.Instance);
        var windows = new WindowOptions { Sizes = [TimeSpan.FromHours(1), TimeSpan.FromDays(1)], RetainWindows = 10000 };
        return new ReplaySettings(new CleaningOptions(), windows, places.Index, new Dictionary<string, EntityKey>(), 250);
    }

    public async Task InitializeAsync()
    {
        Silo = await SiloProcess.StartAsync(SiloSettings);
        Sent = [.. OpenDataSets.UciAirQuality(Root).TakeWhile(r => r.Time < To.AddHours(12))];
        foreach (var batch in Sent.Chunk(25))
        {
            var json = "[" + string.Join(',', batch.Select(r => r.ToSensorJson())) + "]";
            using var response = await Silo.Http.PostAsync("/api/ingest", new StringContent(json, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.Accepted,
                $"ingest answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task DisposeAsync()
    {
        await Silo.DisposeAsync();
        if (Directory.Exists(Archive))
        {
            Directory.Delete(Archive, recursive: true);
        }
    }
}
