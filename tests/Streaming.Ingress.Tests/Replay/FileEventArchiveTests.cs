using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress.Tests;

/// <summary>
/// The archive's group commit and open files: concurrent appends land once each in whole lines, a file held open is
/// readable up to every completed append, open files stay bounded and close when idle or disposed, and a failed write
/// fails its appends and is retried on a fresh handle.
/// </summary>
[Trait("Category", "Ingress")]
public sealed class FileEventArchiveTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly string _folder = Directory.CreateTempSubdirectory("streaming-archive-").FullName;
    private readonly ManualTime _time = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AppendAsync_ManyConcurrentToSameAndOtherDays_EachLineOnceWholeAndEachBatchTogether()
    {
        using var archive = Archive(maxOpenFiles: 3);
        var sent = new System.Collections.Concurrent.ConcurrentBag<EventEnvelope>();
        // 32 writers x 40 batches of 1-3 events over 6 days (more days than open files), with a long field so that an
        // interleaved write would show; every 7th batch is read back at once from the file the archive holds open.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var b = 0; b < 40; b++)
            {
                EventEnvelope[] batch = [.. Enumerable.Range(0, random.Next(1, 4))
                    .Select(i => Sensor($"{w}-{b}-{i}", T.AddDays(random.Next(6)), new string('x', random.Next(10, 5000))))];
                await archive.AppendAsync(batch);
                foreach (var e in batch)
                {
                    sent.Add(e);
                }
                if (b % 7 == 0)
                {
                    foreach (var e in batch)
                    {
                        Assert.Contains(e.Id.Value, ReadLines(FileOf(e)).Select(l => l.Id));
                    }
                }
            }
        })));

        var files = Directory.EnumerateFiles(_folder, "*.jsonl", SearchOption.AllDirectories).ToList();
        var lines = files.SelectMany(f => ReadLines(f).Select((l, n) => (File: f, Line: n, l.Id, l.Event))).ToList();
        Assert.Equal(sent.Select(e => e.Id.Value).Order(), lines.Select(l => l.Id).Order());
        Assert.All(lines, l => Assert.Equal(FileOf(l.Event.ToEnvelope()), l.File));
        Assert.All(lines, l => Assert.Equal(sent.Single(e => e.Id.Value == l.Id).Payload is SensorPayload p ? p.Address : null,
            ((SensorPayload)l.Event.ToEnvelope().Payload).Address));
        // A batch's events for one file are consecutive lines, in batch order.
        foreach (var group in lines.GroupBy(l => (l.File, Batch: l.Id[..l.Id.LastIndexOf('-')])))
        {
            var ordered = group.OrderBy(l => l.Line).ToList();
            Assert.Equal(Enumerable.Range(ordered[0].Line, ordered.Count), ordered.Select(l => l.Line));
            Assert.Equal(ordered.Select(l => l.Id).Order(StringComparer.Ordinal), ordered.Select(l => l.Id));
        }
        Assert.True(SpinWait.SpinUntil(() => archive.OpenFiles <= 3 && HandlesInto(_folder) <= 3, Patience));
    }

    [Fact]
    public async Task AppendAsync_FileHeldOpen_ReaderSeesEveryCompletedLine()
    {
        using var archive = Archive();
        var file = ArchiveLayout.FileFor(_folder, ArchiveLayout.DayOf(T), EventKind.Sensor);
        for (var i = 0; i < 20; i++)
        {
            await archive.AppendAsync([Sensor($"e-{i}", T)]);

            Assert.Equal(1, archive.OpenFiles);
            Assert.Equal(OperatingSystem.IsLinux() ? 1 : -1, HandlesInto(_folder));
            var reader = new ArchiveReader(_folder);
            Assert.Equal(Enumerable.Range(0, i + 1).Select(n => $"e-{n}"), reader.Read(Plan()).Select(e => e.Id.Value));
            Assert.Equal(0, reader.Skipped);
        }
        Assert.Equal(20, File.ReadLines(file).Count());
    }

    [Fact]
    public async Task Archive_IdleForTheTimeout_ClosesTheFileAndReopensOnTheNextAppend()
    {
        using var archive = Archive();
        await archive.AppendAsync([Sensor("a", T), Sensor("b", T.AddDays(1))]);
        Assert.Equal(2, archive.OpenFiles);

        Assert.True(SpinWait.SpinUntil(() => { _time.Advance(archive.IdleTimeout); return archive.OpenFiles == 0; }, Patience));
        Assert.Equal(OperatingSystem.IsLinux() ? 0 : -1, HandlesInto(_folder));

        await archive.AppendAsync([Sensor("c", T)]);
        Assert.Equal(["a", "c", "b"], new ArchiveReader(_folder).Read(Plan()).Select(e => e.Id.Value));
    }

    [Fact]
    public async Task AddEventArchive_ContainerDisposed_ClosesFilesAndRefusesLaterAppends()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection([new("Replay:ArchiveFolder", _folder)]).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddEventArchive().BuildServiceProvider();
        var archive = Assert.IsType<FileEventArchive>(services.GetRequiredService<IEventArchive>());
        await archive.AppendAsync([Sensor("a", T)]);
        Assert.Equal(1, archive.OpenFiles);

        await services.DisposeAsync();

        Assert.True(SpinWait.SpinUntil(() => archive.OpenFiles == 0, Patience));
        Assert.Equal(OperatingSystem.IsLinux() ? 0 : -1, HandlesInto(_folder));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => archive.AppendAsync([Sensor("b", T)]));
        Assert.Equal(["a"], new ArchiveReader(_folder).Read(Plan()).Select(e => e.Id.Value));
    }

    [Fact]
    public async Task AppendAsync_WriteFails_EveryAppendFailsAndTheNextOneWritesOnAFreshHandle()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /dev/full (every write fails with "no space left") is Linux's
        }
        using var archive = Archive();
        var file = ArchiveLayout.FileFor(_folder, ArchiveLayout.DayOf(T), EventKind.Sensor);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.CreateSymbolicLink(file, "/dev/full");

        var failed = Enumerable.Range(0, 20).Select(i => Task.Run(() => archive.AppendAsync([Sensor($"lost-{i}", T)]))).ToList();
        foreach (var append in failed)
        {
            await Assert.ThrowsAsync<IOException>(() => append);
        }

        // The same path now leads to a real file: only a handle opened afresh writes there.
        var real = Path.Combine(_folder, "real.jsonl");
        File.WriteAllText(real, "");
        File.Delete(file);
        File.CreateSymbolicLink(file, real);
        await archive.AppendAsync([Sensor("kept", T)]);

        Assert.Equal(["kept"], ReadLines(real).Select(l => l.Id));
    }

    private FileEventArchive Archive(int maxOpenFiles = FileEventArchive.DefaultMaxOpenFiles) =>
        new(Options.Create(new ReplayOptions { ArchiveFolder = _folder }), _time, maxOpenFiles, TimeSpan.FromSeconds(10));

    private string FileOf(EventEnvelope e) => ArchiveLayout.FileFor(_folder, ArchiveLayout.DayOf(e.EventTime), e.Kind);

    private static ReplayPlan Plan() => new(T.AddDays(-1), T.AddDays(10), [], [], []);

    /// <summary>
    /// Every complete line of a file, parsed (a torn or interleaved line throws), read as the exporter reads a live file:
    /// text after the last newline is a write still under way (a reader may see part of it) and is left for later.
    /// </summary>
    private static List<(string Id, ArchivedEvent Event)> ReadLines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var text = System.Text.Encoding.UTF8.GetString(copy.GetBuffer(), 0, (int)copy.Length);
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        var lines = new List<(string, ArchivedEvent)>();
        foreach (var line in complete.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var e = JsonSerializer.Deserialize(line, ArchiveJsonContext.Default.ArchivedEvent)!;
            lines.Add((e.Id, e));
        }
        return lines;
    }

    /// <summary>How many of this process's file descriptors point into the folder (Linux), else -1.</summary>
    private static int HandlesInto(string folder)
    {
        if (!OperatingSystem.IsLinux())
        {
            return -1;
        }
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                count += new FileInfo(fd).LinkTarget?.StartsWith(folder + "/", StringComparison.Ordinal) == true ? 1 : 0;
            }
            catch (IOException)
            {
                // Closed while we looked: not open.
            }
        }
        return count;
    }

    private static EventEnvelope Sensor(string id, DateTimeOffset time, string? address = null) =>
        new(new EnvelopeId(id), new SourceId("s"), EventKind.Sensor, null, time, 7, Provenance.Http("/api/ingest", time, "127.0.0.1"),
            new SensorPayload([new Reading("pm25", 1, null)]) { Address = address });

    /// <summary>A clock moved by hand; moving it fires every timer created on it.</summary>
    private sealed class ManualTime : TimeProvider
    {
        private readonly List<(TimerCallback Callback, object? State)> _timers = [];
        private DateTimeOffset _now = T;

        public override DateTimeOffset GetUtcNow()
        {
            lock (_timers)
            {
                return _now;
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            lock (_timers)
            {
                _timers.Add((callback, state));
            }
            return new Timer(_ => { }, null, Timeout.Infinite, Timeout.Infinite);
        }

        public void Advance(TimeSpan by)
        {
            List<(TimerCallback Callback, object? State)> timers;
            lock (_timers)
            {
                _now += by;
                timers = [.. _timers];
            }
            timers.ForEach(t => t.Callback(t.State));
        }
    }
}
