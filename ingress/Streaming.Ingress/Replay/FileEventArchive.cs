using System.Text.Json;
using Microsoft.Extensions.Options;
using Streaming.Domain;

namespace Streaming.Ingress;

/// <summary>
/// The on-disk archive: one JSON line per accepted envelope in <c>{folder}/{yyyy-MM-dd}/{kind}.jsonl</c>, one write per file
/// per batch, done before the transport is answered. Writers of the same file take turns through a fixed set of locks
/// (a file hashes to one of them), so concurrency is safe and the number of locks does not grow with untrusted dates.
/// </summary>
public sealed class FileEventArchive(IOptions<ReplayOptions> options) : IEventArchive
{
    private const int LockCount = 64;
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, LockCount).Select(_ => new SemaphoreSlim(1, 1))];
    private readonly string _folder = Path.GetFullPath(options.Value.ArchiveFolder);

    /// <summary>The archive's folder.</summary>
    public string Folder => _folder;

    /// <inheritdoc />
    public async Task AppendAsync(IReadOnlyList<EventEnvelope> accepted, CancellationToken cancellationToken = default)
    {
        foreach (var file in accepted.GroupBy(e => ArchiveLayout.FileFor(_folder, ArchiveLayout.DayOf(e.EventTime), e.Kind)))
        {
            var lines = Serialize(file);
            var gate = _locks[(int)((uint)StringComparer.Ordinal.GetHashCode(file.Key) % LockCount)];
            await gate.WaitAsync(cancellationToken);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file.Key)!);
                await using var stream = new FileStream(
                    file.Key, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.Asynchronous);
                await stream.WriteAsync(lines, cancellationToken);
                await stream.FlushAsync(cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }
    }

    private static ReadOnlyMemory<byte> Serialize(IEnumerable<EventEnvelope> envelopes)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            foreach (var e in envelopes)
            {
                JsonSerializer.Serialize(writer, ArchivedEvent.From(e), ArchiveJsonContext.Default.ArchivedEvent);
                writer.Flush();
                writer.Reset();
                buffer.WriteByte((byte)'\n');
            }
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }
}
