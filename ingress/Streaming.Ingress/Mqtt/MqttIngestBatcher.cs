using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;

namespace Streaming.Ingress;

/// <summary>
/// Group commit for MQTT publishes: publishes that arrive while a batch is being made durable (or within
/// <see cref="MqttOptions.BatchLinger"/>) go to the grains together in one <see cref="IngestService.IngestBatchAsync"/> call,
/// up to <see cref="MqttOptions.MaxBatch"/>. One batch is in flight at a time and the pipeline keeps batch order per
/// source, so each source's events stay in arrival order. Every waiting publish is answered once its batch is durable.
/// </summary>
public sealed partial class MqttIngestBatcher : IAsyncDisposable
{
    private const int Attempts = 3;
    private readonly IngestService _ingest;
    private readonly MqttOptions _options;
    private readonly ILogger<MqttIngestBatcher> _logger;
    private readonly Channel<Pending> _queue;
    private readonly Task _loop;

    public MqttIngestBatcher(IngestService ingest, IOptions<MqttOptions> options, ILogger<MqttIngestBatcher> logger)
    {
        (_ingest, _options, _logger) = (ingest, options.Value, logger);
        // Bounded: when the grains fall behind, publishers wait here instead of memory growing without limit.
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(_options.MaxBatch * 4) { SingleReader = true });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues one body and completes with the answer once its batch is durable (or could not be made so).</summary>
    public async Task<MqttAnswer> SubmitAsync(IngestItem item, CancellationToken cancellationToken)
    {
        var pending = new Pending(item, new TaskCompletionSource<MqttAnswer>(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await _queue.Writer.WriteAsync(pending, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            return MqttAnswer.NotDurable; // Shutting down: the sender keeps it and sends it again.
        }
        return await pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Pending>(_options.MaxBatch);
        while (await reader.WaitToReadAsync())
        {
            Drain(reader, batch);
            if (_options.BatchLinger > TimeSpan.Zero && batch.Count < _options.MaxBatch)
            {
                await LingerAsync(reader, batch);
            }
            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private void Drain(ChannelReader<Pending> reader, List<Pending> batch)
    {
        while (batch.Count < _options.MaxBatch && reader.TryRead(out var pending))
        {
            batch.Add(pending);
        }
    }

    private async Task LingerAsync(ChannelReader<Pending> reader, List<Pending> batch)
    {
        using var linger = new CancellationTokenSource(_options.BatchLinger);
        try
        {
            while (batch.Count < _options.MaxBatch && await reader.WaitToReadAsync(linger.Token))
            {
                Drain(reader, batch);
            }
        }
        catch (OperationCanceledException) when (linger.IsCancellationRequested)
        {
            // The linger is over: submit what has gathered.
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await _ingest.IngestBatchAsync([.. batch.Select(p => p.Item)]);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Done.TrySetResult(Answer(outcome.Decoded[i]));
                }
                return;
            }
            catch (Exception ex) when (attempt < Attempts)
            {
                // A transient failure (a silo going down, a storage timeout): retry the whole batch; what was stored comes back as duplicates.
                LogBatchRetry(ex, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (Exception ex)
            {
                LogBatchFailed(ex, batch.Count, attempt);
                batch.ForEach(p => p.Done.TrySetResult(MqttAnswer.NotDurable));
                return;
            }
        }
    }

    private static MqttAnswer Answer(Streaming.Domain.DecodeResult decoded) =>
        decoded is { Envelopes.Count: 0, Rejections: [var first, ..] }
            ? MqttAnswer.Refused(MqttPubAckReasonCode.PayloadFormatInvalid, $"{first.Reason}: {first.Detail}")
            : MqttAnswer.Stored;

    private sealed record Pending(IngestItem Item, TaskCompletionSource<MqttAnswer> Done);

    [LoggerMessage(1310, LogLevel.Warning, "MQTT batch of {Count} publishes could not be made durable (attempt {Attempt}); retrying")]
    private partial void LogBatchRetry(Exception exception, int count, int attempt);

    [LoggerMessage(1311, LogLevel.Error, "MQTT batch of {Count} publishes could not be made durable after {Attempts} attempts; senders must retry")]
    private partial void LogBatchFailed(Exception exception, int count, int attempts);
}
