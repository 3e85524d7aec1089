using System.Text;
using System.Diagnostics;
using System.Net;
using Confluent.Kafka;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Streaming.Harness;

/// <summary>
/// A transport the open-loop generator sends through. <see cref="Send"/> only starts a send and returns: the generator
/// never waits for one send to finish before the next is due. Completion is reported to the step (acknowledged or failed).
/// </summary>
internal interface IEventSender : IAsyncDisposable
{
    /// <summary>What this sender is, for the report (transport, connections, QoS).</summary>
    string Describe { get; }

    /// <summary>The first refusal seen (reason code or status), for the report.</summary>
    string? FirstError { get; }

    Task ConnectAsync();

    void Send(Step step, long k, string source, byte[] payload);
}

/// <summary>Many MQTT device connections (MQTT 5); event k goes over connection k mod N as <c>sensors/{source}</c>.</summary>
internal sealed class MqttSender(string host, int port, int connections, MqttQualityOfServiceLevel qos) : IEventSender
{
    private readonly List<IMqttClient> _clients = [];
    private string? _firstError;
    private long _disconnects;
    private volatile bool _disposed;

    public string Describe => $"MQTT 5, {connections} connections, QoS {(int)qos}" + (Disconnects > 0 ? $", {Disconnects} disconnects" : "");

    public string? FirstError => _firstError;

    public async Task ConnectAsync()
    {
        var factory = new MqttClientFactory();
        for (var i = 0; i < connections; i++)
        {
            var client = factory.CreateMqttClient();
            var options = new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId($"bench-{i:D4}")
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCleanSession()
                // No keep-alive: an overloaded broker answers PINGREQ only after the publishes queued before it, and the
                // client would then drop a connection that is merely slow, which is not what is measured here.
                .WithKeepAlivePeriod(TimeSpan.Zero)
                .WithTimeout(TimeSpan.FromSeconds(120))
                .Build();
            var result = await client.ConnectAsync(options);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"MQTT connection {i} to {host}:{port} refused: {result.ResultCode} {result.ReasonString}");
            }
            client.DisconnectedAsync += async e =>
            {
                if (_disposed || e.ClientWasConnected is false)
                {
                    return;
                }
                Interlocked.Increment(ref _disconnects);
                Interlocked.CompareExchange(ref _firstError, $"disconnected: {e.Reason} {e.ReasonString} {e.Exception?.GetBaseException().Message}", null);
                // Reconnect at once (events sent meanwhile fail and count as errors, so the step is judged unsustainable).
                while (!_disposed && !client.IsConnected)
                {
                    try
                    {
                        await client.ConnectAsync(options);
                    }
                    catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
                    {
                        await Task.Delay(200);
                    }
                }
            };
            _clients.Add(client);
        }
    }

    /// <summary>Connections the broker closed during the run.</summary>
    public long Disconnects => Interlocked.Read(ref _disconnects);

    public void Send(Step step, long k, string source, byte[] payload)
    {
        var client = _clients[(int)((uint)source.GetHashCode() % _clients.Count)]; // one connection per source, in order
        var message = new MqttApplicationMessageBuilder()
            .WithTopic("sensors/" + source)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(qos)
            .Build();
        step.OnSent();
        if (!client.IsConnected)
        {
            step.OnSendError();
            return;
        }
        Task<MqttClientPublishResult> publish;
        try
        {
            publish = client.PublishAsync(message);
        }
        catch (MQTTnet.Exceptions.MqttClientNotConnectedException ex)
        {
            // Lost the connection since the check above; the reconnect loop is on it.
            Interlocked.CompareExchange(ref _firstError, ex.Message, null);
            step.OnSendError();
            return;
        }
        publish.ContinueWith(t =>
        {
            var now = Stopwatch.GetTimestamp();
            if (t.IsCompletedSuccessfully && t.Result.ReasonCode is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers)
            {
                if (qos == MqttQualityOfServiceLevel.AtMostOnce)
                {
                    step.OnWritten();
                }
                else
                {
                    step.OnAcked(k, now);
                }
            }
            else
            {
                Interlocked.CompareExchange(ref _firstError, t.IsCompletedSuccessfully ? $"PUBACK {t.Result.ReasonCode}" : t.Exception?.GetBaseException().Message, null);
                step.OnSendError();
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var client in _clients)
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync();
            }
            client.Dispose();
        }
    }
}

/// <summary>
/// One <c>POST /api/ingest?source=ID</c> per event over a pool of HTTP/1.1 connections. The source in the query makes
/// each source its own sender for the platform's per-sender rate limit, as separate devices would be.
/// </summary>
internal sealed class HttpSender(Uri baseAddress, int connections, string path = "/api/ingest", string contentType = "application/json",
    string what = "event") : IEventSender
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(120),
    };
    private string? _firstError;

    public string Describe => $"HTTP/1.1, {connections} connections, one {what} per request to {path}";

    public string? FirstError => _firstError;

    public Task ConnectAsync() => Task.CompletedTask;

    public void Send(Step step, long k, string source, byte[] payload)
    {
        var content = new ByteArrayContent(payload);
        content.Headers.ContentType = new(contentType);
        step.OnSent();
        _http.PostAsync(new Uri(path + "?source=" + Uri.EscapeDataString(source), UriKind.Relative), content).ContinueWith(t =>
        {
            var now = Stopwatch.GetTimestamp();
            content.Dispose();
            if (t.IsCompletedSuccessfully && t.Result.StatusCode == HttpStatusCode.Accepted)
            {
                step.OnAcked(k, now);
            }
            else
            {
                Interlocked.CompareExchange(ref _firstError, t.IsCompletedSuccessfully ? $"HTTP {(int)t.Result.StatusCode}" : t.Exception?.GetBaseException().Message, null);
                step.OnSendError();
            }
            if (t.IsCompletedSuccessfully)
            {
                t.Result.Dispose();
            }
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A Kafka producer to the platform's ingest topic: key = source id, value = the sensor JSON.</summary>
/// <param name="idHeader">Also sets the <c>ce_id</c> header to the event's id, so a plain reader of the same topic can match it (the bare transport).</param>
internal sealed class KafkaSender(string bootstrapServers, string topic, bool idHeader = false) : IEventSender
{
    private IProducer<string, byte[]>? _producer;
    private string? _firstError;

    public string Describe => $"Kafka producer to {topic} (acks=all, linger 1 ms)";

    public string? FirstError => _firstError;

    public Task ConnectAsync()
    {
        _producer = new ProducerBuilder<string, byte[]>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            Acks = Acks.All,
            LingerMs = 1,
            ClientId = "bench-producer",
        }).Build();
        return Task.CompletedTask;
    }

    public void Send(Step step, long k, string source, byte[] payload)
    {
        step.OnSent();
        try
        {
            var message = new Message<string, byte[]> { Key = source, Value = payload };
            if (idHeader)
            {
                message.Headers = [new Header("ce_id", Encoding.UTF8.GetBytes(SensorMessages.Id(step.Prefix, k)))];
            }
            _producer!.Produce(topic, message, OnReport);
        }
        catch (ProduceException<string, byte[]> ex)
        {
            // The producer's local queue is full: the broker is not keeping up with the rate.
            Interlocked.CompareExchange(ref _firstError, ex.Error.Reason, null);
            step.OnSendError();
        }

        void OnReport(DeliveryReport<string, byte[]> report)
        {
            var now = Stopwatch.GetTimestamp();
            if (report.Error.IsError)
            {
                Interlocked.CompareExchange(ref _firstError, report.Error.Reason, null);
                step.OnSendError();
            }
            else
            {
                step.OnAcked(k, now);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_producer is { } producer)
        {
            producer.Flush(TimeSpan.FromSeconds(10));
            producer.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
