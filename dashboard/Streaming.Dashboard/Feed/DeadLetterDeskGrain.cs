using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Runtime;
using Streaming.Domain;
using Streaming.Ingress;

namespace Streaming.Dashboard;

/// <summary>
/// One silo's dead-letter desk (key: the silo's address): dead letters are kept in the memory of the silo that refused
/// them, so a page's resubmit, from whichever dashboard, goes to that silo's desk. Each silo activates its own desk
/// (<see cref="FeedPublisher"/> calls <see cref="Ping"/> every few seconds, which also keeps it active); a desk activated
/// anywhere else, after its silo has gone, finds nothing.
/// </summary>
public interface IDeadLetterDeskGrain : IGrainWithStringKey
{
    /// <summary>Does nothing: activates the desk (where the caller is) and keeps it active.</summary>
    Task Ping();

    /// <summary>Sends dead letter <paramref name="id"/> through the pipeline again, as it was or as <paramref name="corrected"/> when not empty.</summary>
    Task<ResubmitAnswer> Resubmit(string id, byte[] corrected);
}

/// <summary>How a resubmit went, as <c>POST /api/ingest</c> answers: a status and either the ingest report or a problem.</summary>
[GenerateSerializer, Immutable, Alias("streaming.dashboard.resubmit-answer.v1")]
public sealed record ResubmitAnswer(
    [property: Id(0)] int Status, [property: Id(1)] int Accepted, [property: Id(2)] int Rejected, [property: Id(3)] string[] Reasons,
    [property: Id(4)] string[] Details, [property: Id(5)] string? Problem = null)
{
    /// <summary>No such dead letter on the desk's silo.</summary>
    public static ResubmitAnswer NotFound(string detail) => new(404, 0, 0, [], [detail], "NotFound");
}

/// <inheritdoc cref="IDeadLetterDeskGrain"/>
[PreferLocalPlacement]
public sealed partial class DeadLetterDeskGrain(
    ILocalSiloDetails silo, DeadLetterOffice office, IngestService ingest, IOptions<HttpIngressOptions> options, TimeProvider time,
    ILogger<DeadLetterDeskGrain> logger) : Grain, IDeadLetterDeskGrain
{
    public Task Ping() => Task.CompletedTask;

    public async Task<ResubmitAnswer> Resubmit(string id, byte[] corrected)
    {
        if (this.GetPrimaryKeyString() != silo.SiloAddress.ToParsableString())
        {
            return ResubmitAnswer.NotFound($"the silo that refused '{id}' is no longer running; its dead letters went with it (they are on the dead-letter topic)");
        }
        if (office.Take(id) is not { } letter)
        {
            return ResubmitAnswer.NotFound($"no recent dead letter '{id}' on its silo");
        }
        var limits = options.Value;
        if (corrected.Length > limits.MaxBodyBytes)
        {
            return new ResubmitAnswer(413, 0, 0, [], [$"the body is larger than the limit of {limits.MaxBodyBytes} bytes"], "TooLarge");
        }
        var (body, format, context) = DeadLetterEndpoints.Resubmission(letter, corrected, limits, time.GetUtcNow(), null);
        try
        {
            var outcome = await ingest.IngestAsync(body, format, context, letter.ContentType, letter);
            if (outcome.BodyRejection is { } whole)
            {
                var status = whole.Reason switch { RejectReason.TooLarge => 413, RejectReason.UnsupportedFormat => 415, _ => 400 };
                return new ResubmitAnswer(status, 0, 0, [], [whole.Detail], whole.Reason.ToString());
            }
            var rejections = outcome.Decoded.Rejections.Select(r => (r.Reason.ToString(), r.Detail))
                .Concat(outcome.Report.Rejections.Select(r => (r.Reason.ToString(), r.Detail))).ToList();
            return new ResubmitAnswer(202, outcome.Accepted, outcome.Rejected, [.. rejections.Select(r => r.Item1)], [.. rejections.Select(r => r.Item2)]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogResubmitFailed(ex, id);
            return new ResubmitAnswer(503, 0, 0, [], ["not every event could be made durable; try again"], "Unavailable");
        }
    }

    [LoggerMessage(3049, LogLevel.Warning, "Resubmitting dead letter {Id} failed")]
    private partial void LogResubmitFailed(Exception exception, string id);
}
