using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Streaming.Ingress;

/// <summary>
/// One file of <see cref="FileEventArchive"/>: the appends queued for it and, while it is held open, its handle. The
/// archive's lock guards every property; the handle is written only by the one drain in flight (<see cref="Draining"/>),
/// and closed by others only when no drain is.
/// </summary>
internal sealed class ArchiveFile(string path)
{
    /// <summary>The file's full path.</summary>
    public string Path { get; } = path;

    /// <summary>Appends waiting for the next write, in arrival order.</summary>
    public List<Append> Queue { get; set; } = [];

    /// <summary>Whether a drain is writing this file's queue now.</summary>
    public bool Draining { get; set; }

    /// <summary>The open handle, or null when closed.</summary>
    public SafeFileHandle? Handle { get; set; }

    /// <summary>This file's node in the archive's list of open files, while it is open.</summary>
    public LinkedListNode<ArchiveFile>? Recent { get; set; }

    /// <summary>When the last drain finished.</summary>
    public DateTimeOffset LastUsed { get; set; }

    /// <summary>
    /// Opens (creating the day folder and the file when missing), sharing reads as before. The handle can read only so
    /// that a file whose last line was torn (a crash, or a write that failed part way) gets a line break before the next
    /// write, and that torn tail costs one line, not also the good one written after it.
    /// </summary>
    public static SafeFileHandle Open(string path, out bool needsLineBreak)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var handle = File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var length = RandomAccess.GetLength(handle);
        Span<byte> last = stackalloc byte[1];
        needsLineBreak = length > 0 && (RandomAccess.Read(handle, last, length - 1) != 1 || last[0] != (byte)'\n');
        return handle;
    }

    /// <summary>
    /// Writes the batch's lines at the file's current end in one write (as an append-mode open would find it), straight
    /// to the operating system: no buffer of ours is left to flush, and nothing is fsync'd.
    /// </summary>
    public static void Write(SafeFileHandle handle, List<Append> batch, bool lineBreakFirst)
    {
        var end = RandomAccess.GetLength(handle);
        if (batch.Count == 1 && !lineBreakFirst)
        {
            RandomAccess.Write(handle, batch[0].Lines.Span, end);
            return;
        }
        var length = lineBreakFirst ? 1 : 0;
        foreach (var a in batch)
        {
            length += a.Lines.Length;
        }
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var at = 0;
            if (lineBreakFirst)
            {
                buffer[at++] = (byte)'\n';
            }
            foreach (var a in batch)
            {
                a.Lines.Span.CopyTo(buffer.AsSpan(at));
                at += a.Lines.Length;
            }
            RandomAccess.Write(handle, buffer.AsSpan(0, length), end);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>One caller's serialized lines, completed once they are written (or failed with the write that covered them).</summary>
    internal sealed class Append(ReadOnlyMemory<byte> lines) : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        /// <summary>Whole JSON lines, each ending in a line break.</summary>
        public ReadOnlyMemory<byte> Lines { get; } = lines;
    }
}
