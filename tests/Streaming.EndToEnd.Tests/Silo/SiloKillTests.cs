using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace Streaming.EndToEnd.Tests;

/// <summary>
/// A three-silo PostgreSQL cluster loses one silo (kill -9) in the middle of a stream. The sender resends every
/// batch that was not acknowledged; the aggregates must still equal an independent computation over the input:
/// nothing lost, nothing counted twice.
/// </summary>
[Collection(PostgresCollection.Name), Trait("Category", "EndToEnd")]
public sealed class SiloKillTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private const int Sources = 40;
    private const int EventsPerSource = 75;
    private const int BatchSize = 50;
    private static readonly DateTimeOffset Hour = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Metrics = ["pm25", "no2"];
    private static readonly TimeSpan BatchDeadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Aggregates_SiloKilledMidStream_EqualIndependentComputation()
    {
        var clock = Stopwatch.StartNew();
        var name = "kill" + Guid.NewGuid().ToString("N")[..8];
        var settings = await PostgresSiloTests.ProductionSettings(postgres, name);

        // Started one after another: each joins the cluster the previous ones formed.
        await using var first = await SiloProcess.StartAsync(settings);
        await using var second = await SiloProcess.StartAsync(settings);
        await using var third = await SiloProcess.StartAsync(settings);
        await WaitForActiveSilosAsync(settings["ConnectionStrings:Orleans"], name, 3);
        output.WriteLine($"3 silos active after {clock.Elapsed.TotalSeconds:0.0} s");

        var events = Generate();
        var batches = events.Chunk(BatchSize).ToArray();
        var killAfter = batches.Length / 3;
        var resent = 0;
        for (var b = 0; b < batches.Length; b++)
        {
            var kill = Task.CompletedTask;
            if (b == killAfter)
            {
                // kill -9 while this batch is in flight: some of its events may be durable, some not, none acknowledged.
                kill = Task.Run(async () =>
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50));
                    await third.KillAsync();
                    output.WriteLine($"killed the third silo during batch {b} at {clock.Elapsed.TotalSeconds:0.0} s");
                });
            }
            resent += await SendUntilAcceptedAsync(first, b, batches[b], [first, second, third]);
            await kill;
        }
        output.WriteLine($"{batches.Length} batches sent ({resent} resends) at {clock.Elapsed.TotalSeconds:0.0} s");

        var mismatches = new List<string>();
        foreach (var source in events.Select(e => e.Source).Distinct().Order(StringComparer.Ordinal))
        {
            var mine = events.Where(e => e.Source == source).ToArray();
            var entity = await first.Http.GetFromJsonAsync<JsonElement>($"/api/entities/source:{source}");
            var applied = entity.GetProperty("eventsApplied").GetInt64();
            if (applied != mine.Length)
            {
                mismatches.Add($"source:{source}: eventsApplied {applied}, sent {mine.Length} distinct events");
            }

            foreach (var metric in Metrics)
            {
                var expected = mine
                    .SelectMany(e => e.Readings.Where(r => r.Metric == metric).Select(r => (Hour: Truncate(e.Time), r.Value)))
                    .GroupBy(x => x.Hour)
                    .ToDictionary(g => g.Key, g => g.Select(x => x.Value).ToArray());
                var windows = (await first.Http.GetFromJsonAsync<JsonElement>(
                    $"/api/entities/source:{source}/windows?metric={metric}&size=1h")).EnumerateArray().ToArray();
                if (windows.Length != expected.Count)
                {
                    mismatches.Add($"source:{source} {metric}: {windows.Length} windows, expected {expected.Count}");
                }
                foreach (var window in windows)
                {
                    var start = window.GetProperty("start").GetDateTimeOffset();
                    var aggregate = window;
                    if (!expected.TryGetValue(start, out var values))
                    {
                        mismatches.Add($"source:{source} {metric} {start:O}: unexpected window {aggregate.GetRawText()}");
                        continue;
                    }
                    var (count, sum, min, max) = (aggregate.GetProperty("count").GetInt64(), aggregate.GetProperty("sum").GetDouble(),
                        aggregate.GetProperty("min").GetDouble(), aggregate.GetProperty("max").GetDouble());
                    var expectedSum = values.Sum();
                    if (count != values.Length || Math.Abs(sum - expectedSum) > 1e-9 * Math.Max(1, Math.Abs(expectedSum))
                        || min != values.Min() || max != values.Max())
                    {
                        mismatches.Add($"source:{source} {metric} {start:O}: count {count} sum {sum:R} min {min:R} max {max:R}; "
                            + $"expected count {values.Length} sum {expectedSum:R} min {values.Min():R} max {values.Max():R}");
                    }
                }
            }
        }
        Assert.True(mismatches.Count == 0,
            $"{mismatches.Count} mismatches after the kill ({resent} resends):\n{string.Join('\n', mismatches.Take(40))}"
            + $"\n--- first silo output ---\n{first.Output}\n--- second silo output ---\n{second.Output}");
        output.WriteLine($"entities verified at {clock.Elapsed.TotalSeconds:0.0} s");

        // The system roll-up merges every entity's windows exactly once, through the outboxes that survived the kill.
        var pm25Readings = events.Sum(e => e.Readings.Count(r => r.Metric == "pm25"));
        long rolledUp = -1;
        await Eventually.AssertAsync(
            async () =>
            {
                var windows = await first.Http.GetFromJsonAsync<JsonElement>("/api/trends/windows?metric=pm25&size=1h");
                rolledUp = windows.EnumerateArray().Sum(w => w.GetProperty("count").GetInt64());
                return rolledUp == pm25Readings;
            },
            TimeSpan.FromSeconds(30),
            $"the system roll-up to count {pm25Readings} pm25 readings (last seen: {rolledUp})");
        output.WriteLine($"roll-up verified at {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>Posts one batch, resending the same bytes until it is acknowledged with 202. Returns how many resends it took.</summary>
    private async Task<int> SendUntilAcceptedAsync(SiloProcess target, int index, SensorEvent[] batch, SiloProcess[] silos)
    {
        var body = Encoding.UTF8.GetBytes("[" + string.Join(',', batch.Select(e => e.Json)) + "]");
        var deadline = DateTime.UtcNow + BatchDeadline;
        var failures = new List<string>();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await target.Http.PostAsync("/api/ingest", content);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    var report = JsonDocument.Parse(text).RootElement;
                    if (attempt == 0)
                    {
                        Assert.True(report.GetProperty("rejected").GetInt32() == 0, $"batch {index} had rejections: {text}");
                    }
                    else
                    {
                        // A resend may repeat events that were already durable: those must come back as duplicates, nothing else.
                        var reasons = report.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("reason").GetString()).Distinct().ToArray();
                        Assert.True(reasons.All(r => r == "Duplicate"), $"resent batch {index} had rejections other than duplicates: {text}");
                        output.WriteLine($"batch {index} accepted after {attempt} resends ({string.Join("; ", failures)}): "
                            + $"accepted {report.GetProperty("accepted")}, rejected {report.GetProperty("rejected")}");
                    }
                    return attempt;
                }
                failures.Add($"{(int)response.StatusCode}: {text[..Math.Min(text.Length, 200)]}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.Add($"{e.GetType().Name}: {e.Message}");
            }
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"batch {index} was not acknowledged within {BatchDeadline.TotalSeconds} s after {attempt + 1} attempts:\n"
                    + string.Join('\n', failures.TakeLast(10))
                    + string.Concat(silos.Select((s, i) => $"\n--- silo {i + 1} output ---\n{s.Output}")));
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>Waits until the membership table lists the expected number of active silos (status 3) for the cluster.</summary>
    private static async Task WaitForActiveSilosAsync(string connectionString, string cluster, int expected)
    {
        long active = 0;
        await Eventually.AssertAsync(
            async () =>
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand(
                    "SELECT count(*) FROM OrleansMembershipTable WHERE DeploymentId = @cluster AND Status = 3", connection);
                command.Parameters.AddWithValue("cluster", cluster);
                active = (long)(await command.ExecuteScalarAsync())!;
                return active == expected;
            },
            TimeSpan.FromSeconds(30),
            $"{expected} active silos in the membership table (last seen: {active})");
    }

    /// <summary>
    /// 40 sources x 75 events, interleaved at random (seed 42) so every batch mixes sources; each source's events
    /// have increasing times inside 10:00-11:00 and their own seq, and 1-2 in-range readings of pm25 and no2.
    /// </summary>
    private static List<SensorEvent> Generate()
    {
        var random = new Random(42);
        var slots = Enumerable.Range(0, Sources).SelectMany(s => Enumerable.Repeat(s, EventsPerSource)).ToArray();
        random.Shuffle(slots);
        var seconds = new int[Sources];
        var seqs = new int[Sources];
        var events = new List<SensorEvent>(slots.Length);
        foreach (var s in slots)
        {
            seconds[s] += random.Next(10, 47); // 75 x 46 s < 1 h: every event stays in the 10:00 hour.
            var time = Hour.AddSeconds(seconds[s]);
            var seq = ++seqs[s];
            var readings = random.Next(3) switch
            {
                0 => new[] { new Reading("pm25", Value(random, 300)) },
                1 => [new Reading("no2", Value(random, 400))],
                _ => [new Reading("pm25", Value(random, 300)), new Reading("no2", Value(random, 400))],
            };
            var source = $"kill-s{s}";
            var json = string.Create(CultureInfo.InvariantCulture,
                $$"""{"source":"{{source}}","time":"{{time:yyyy-MM-ddTHH:mm:ssZ}}","readings":{{{string.Join(',', readings.Select(r => "\"" + r.Metric + "\":" + r.Value.ToString("R", CultureInfo.InvariantCulture)))}}},"seq":{{seq}}}""");
            events.Add(new SensorEvent(source, time, readings, json));
        }
        return events;
    }

    private static double Value(Random random, double max) => Math.Round(random.NextDouble() * max, 2);

    private static DateTimeOffset Truncate(DateTimeOffset time) => new(time.Year, time.Month, time.Day, time.Hour, 0, 0, TimeSpan.Zero);

    private sealed record Reading(string Metric, double Value);

    private sealed record SensorEvent(string Source, DateTimeOffset Time, Reading[] Readings, string Json);
}
