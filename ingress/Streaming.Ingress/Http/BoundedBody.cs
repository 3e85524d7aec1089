using System.Buffers;

namespace Streaming.Ingress;

/// <summary>
/// A request body read into a pooled buffer, never more than a limit: an oversized body is detected
/// without buffering more than the limit plus one byte. Dispose returns the buffer.
/// </summary>
public sealed class BoundedBody : IDisposable
{
    private byte[] _buffer;

    private BoundedBody(byte[] buffer) => _buffer = buffer;

    /// <summary>Bytes read.</summary>
    public int Length { get; private set; }

    /// <summary>Whether the body was longer than the limit (then only its first limit + 1 bytes were read).</summary>
    public bool TooLarge { get; private set; }

    /// <summary>The body.</summary>
    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    /// <summary>The body, valid until disposed.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    /// <summary>Reads <paramref name="body"/> up to <paramref name="maxBytes"/>.</summary>
    public static async Task<BoundedBody> ReadAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        var result = new BoundedBody(ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024)));
        while (true)
        {
            if (result.Length == result._buffer.Length)
            {
                if (result.Length > maxBytes)
                {
                    result.TooLarge = true;
                    return result;
                }
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(result._buffer.Length * 2, maxBytes + 1));
                result.Span.CopyTo(larger);
                ArrayPool<byte>.Shared.Return(result._buffer);
                result._buffer = larger;
            }
            var read = await body.ReadAsync(result._buffer.AsMemory(result.Length), cancellationToken);
            if (read == 0)
            {
                result.TooLarge = result.Length > maxBytes;
                return result;
            }
            result.Length += read;
        }
    }

    /// <inheritdoc />
    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}
