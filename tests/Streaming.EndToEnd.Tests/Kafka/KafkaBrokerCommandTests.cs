using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Confluent.Kafka;

namespace Streaming.EndToEnd.Tests;

/// <summary><c>Streaming.Silo kafka-broker</c>: the Kafka-protocol broker alone, in its own process, as a benchmark runs it.</summary>
[Trait("Category", "EndToEnd")]
public sealed class KafkaBrokerCommandTests
{
    [Fact]
    public async Task KafkaBrokerCommand_ProduceThenConsume_RoundTripsAndStopsOnSigterm()
    {
        var lines = new ConcurrentQueue<string>();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { SiloProcess.AppAssembly(), "kafka-broker", "--partitions", "2" })
        {
            info.ArgumentList.Add(argument);
        }
        using var broker = Process.Start(info)!;
        broker.OutputDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        broker.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        broker.BeginOutputReadLine();
        broker.BeginErrorReadLine();
        try
        {
            await Eventually.AssertAsync(() => Task.FromResult(lines.Any(l => l.StartsWith("bootstrap: ", StringComparison.Ordinal)) || broker.HasExited),
                TimeSpan.FromSeconds(30), "a 'bootstrap: 127.0.0.1:PORT' line from kafka-broker");
            var bootstrap = lines.FirstOrDefault(l => l.StartsWith("bootstrap: ", StringComparison.Ordinal))?["bootstrap: ".Length..];
            Assert.True(bootstrap is not null, $"kafka-broker exited before printing its address:\n{string.Join('\n', lines)}");
            Assert.Matches(@"^127\.0\.0\.1:\d+$", bootstrap);

            // The platform's topics exist already, with the partitions asked for.
            const string topic = "streaming.clean.v1";
            using (var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build())
            {
                Assert.Equal(2, admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions.Count);
            }
            var value = "broker-command-" + Guid.NewGuid().ToString("N");
            using (var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = bootstrap, Acks = Acks.All }).Build())
            {
                var delivered = await producer.ProduceAsync(new TopicPartition(topic, 1), new Message<string, string> { Key = "k", Value = value });
                Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
            }
            using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
            {
                BootstrapServers = bootstrap, GroupId = "broker-command-" + Guid.NewGuid().ToString("N"), EnableAutoCommit = false,
            }).Build();
            consumer.Assign(new TopicPartitionOffset(topic, 1, Offset.Beginning));
            string? consumed = null;
            await Eventually.AssertAsync(() => Task.FromResult((consumed = consumer.Consume(TimeSpan.FromMilliseconds(200))?.Message?.Value) is not null),
                TimeSpan.FromSeconds(20), $"the message produced to {topic}[1] on {bootstrap}, consumed back");
            Assert.Equal(value, consumed);
            consumer.Close();

            await ProcessRunner.RunAsync("kill", ["-TERM", broker.Id.ToString(CultureInfo.InvariantCulture)]);
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await broker.WaitForExitAsync(exited.Token);
            Assert.Equal(0, broker.ExitCode);
            Assert.Contains(lines, l => l.Contains("Embedded Kafka-protocol broker stopped", StringComparison.Ordinal));
        }
        finally
        {
            if (!broker.HasExited)
            {
                broker.Kill(entireProcessTree: true);
                await broker.WaitForExitAsync();
            }
        }
    }

    [Fact]
    public async Task KafkaBrokerCommand_FixedPort_RefusedWithReason()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ProcessRunner.RunAsync("dotnet", [SiloProcess.AppAssembly(), "kafka-broker", "--port", "9092"]));
        Assert.Contains("exited with code 1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("bootstrap:", refused.Message, StringComparison.Ordinal);
    }
}
