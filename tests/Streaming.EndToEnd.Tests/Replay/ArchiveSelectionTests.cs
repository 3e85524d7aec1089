using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Streaming.Domain;
using Streaming.Grains.Abstractions;
using Streaming.Ingress;

namespace Streaming.EndToEnd.Tests;

/// <summary>What goes into the archive: the accepted envelopes of a batch, and only when history is on.</summary>
public sealed class ArchiveSelectionTests
{
    [Fact]
    public void Selection_DuplicateIdInOneBatch_KeepsOnlyTheAcceptedFirst()
    {
        var t = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        EventEnvelope[] sent = [.. new[] { "a", "a", "b", "c" }.Select(id => ArchiveRoundTripTests.Sensor(id, t))];
        var report = new IngestReport(2, 2,
        [
            new ReadingRejection(new EnvelopeId("a"), null, RejectReason.Duplicate, "dup"),
            new ReadingRejection(new EnvelopeId("b"), "pm25", RejectReason.OutOfRange, "part"),
            new ReadingRejection(new EnvelopeId("c"), null, RejectReason.Late, "late"),
        ]);

        var kept = ArchiveSelection.Accepted(sent, report);

        Assert.Equal([sent[0], sent[2]], kept);
    }

    [Theory]
    [InlineData(null, typeof(FileEventArchive))]
    [InlineData("false", typeof(DisabledEventArchive))]
    public void AddEventArchive_ReplayArchiveSetting_OnByDefaultOffWhenFalse(string? setting, Type expected)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(setting is null ? [] : [new("Replay:Archive", setting)]).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddEventArchive().BuildServiceProvider();

        Assert.IsType(expected, services.GetRequiredService<IEventArchive>());
    }
}
