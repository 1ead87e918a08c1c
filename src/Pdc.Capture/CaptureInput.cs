using System.Buffers;

namespace Pdc.Capture;

/// <summary>
/// Forward-only buffered view of a capture stream that knows the file offset of every byte.
/// The buffer grows only while it is full of bytes that really arrived, so a corrupt length
/// field can never make it allocate more than about twice what the file holds. A capture already
/// in memory is read in place: nothing is copied.
/// </summary>
/// <remarks>Memory returned by <see cref="Take"/> is valid until the next <see cref="Fill"/> or <see cref="Skip"/>.</remarks>
internal sealed class CaptureInput : IDisposable
{
    private const int InitialBufferLength = 64 * 1024;

    private readonly Stream? stream;
    private readonly bool leaveOpen;

    // The whole capture, when it is in memory; then start..end spans all of it and the buffer is unused.
    private readonly ReadOnlyMemory<byte> memory;

    // Pooled: a replay opens the same file again for every pass.
    private byte[] buffer;
    private int start;
    private int end;
    private bool endOfStream;

    public CaptureInput(Stream stream, bool leaveOpen)
    {
        this.stream = stream;
        this.leaveOpen = leaveOpen;
        buffer = ArrayPool<byte>.Shared.Rent(InitialBufferLength);
    }

    public CaptureInput(ReadOnlyMemory<byte> capture)
    {
        memory = capture;
        buffer = [];
        end = capture.Length;
        endOfStream = true;
    }

    /// <summary>File offset of the next unread byte.</summary>
    public long Offset { get; private set; }

    /// <summary>Buffers up to <paramref name="count"/> bytes; returns how many are there (fewer only at the end of the stream).</summary>
    public int Fill(int count)
    {
        // A capture in memory is all there from the start (endOfStream): only a stream reads.
        while (end - start < count && !endOfStream)
        {
            if (end == buffer.Length)
            {
                MakeRoom(count);
            }

            var read = stream!.Read(buffer, end, buffer.Length - end);
            if (read == 0)
            {
                endOfStream = true;
            }

            end += read;
        }

        return Math.Min(count, end - start);
    }

    /// <summary>The next <paramref name="count"/> buffered bytes, not consumed; call <see cref="Fill"/> first.</summary>
    public ReadOnlySpan<byte> Peek(int count) => stream is null ? memory.Span.Slice(start, count) : buffer.AsSpan(start, count);

    /// <summary>Consumes the next <paramref name="count"/> buffered bytes; call <see cref="Fill"/> first.</summary>
    public ReadOnlyMemory<byte> Take(int count)
    {
        var taken = stream is null ? memory.Slice(start, count) : buffer.AsMemory(start, count);
        start += count;
        Offset += count;
        return taken;
    }

    /// <summary>Consumes up to <paramref name="count"/> bytes without keeping them; returns how many there were.</summary>
    public long Skip(long count)
    {
        var fromBuffer = (int)Math.Min(count, end - start);
        Take(fromBuffer);
        var skipped = (long)fromBuffer;
        if (skipped < count && stream is { CanSeek: true })
        {
            var jump = Math.Min(count - skipped, stream.Length - stream.Position);
            stream.Seek(jump, SeekOrigin.Current);
            Offset += jump;
            return skipped + jump;
        }

        while (skipped < count)
        {
            var chunk = Fill((int)Math.Min(count - skipped, InitialBufferLength));
            if (chunk == 0)
            {
                break;
            }

            Take(chunk);
            skipped += chunk;
        }

        return skipped;
    }

    public void Dispose()
    {
        if (!leaveOpen)
        {
            stream?.Dispose();
        }

        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }

        start = end = 0;
    }

    private void MakeRoom(int count)
    {
        var unread = end - start;
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, unread);
        }
        else
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(count, buffer.Length * 2L));
            Buffer.BlockCopy(buffer, 0, larger, 0, unread);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        start = 0;
        end = unread;
    }
}
