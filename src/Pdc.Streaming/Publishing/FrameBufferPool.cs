namespace Pdc.Streaming.Publishing;

/// <summary>
/// Frame buffers for one output stream, reused so that steady publication allocates nothing. A buffer grows to the
/// largest frame it has held; at most <c>maxRetained</c> idle buffers are kept, the rest left to the collector.
/// </summary>
internal sealed class FrameBufferPool(int maxRetained)
{
    private readonly Lock gate = new();
    private readonly Stack<FrameBuffer> idle = new(maxRetained);
    private long created;

    /// <summary>Buffers allocated since the start: it stops growing once the pool covers the queues in use.</summary>
    public long Created => Interlocked.Read(ref created);

    /// <summary>A buffer of <paramref name="size"/> bytes, referenced once by the caller; the span is its bytes to fill.</summary>
    public FrameBuffer Rent(int size, out Span<byte> span)
    {
        FrameBuffer? buffer;
        lock (gate)
        {
            idle.TryPop(out buffer);
        }

        if (buffer is null)
        {
            Interlocked.Increment(ref created);
            buffer = new FrameBuffer(this, size);
        }

        span = buffer.Prepare(size);
        return buffer;
    }

    public void Return(FrameBuffer buffer)
    {
        lock (gate)
        {
            if (idle.Count < maxRetained)
            {
                idle.Push(buffer);
            }
        }
    }
}
