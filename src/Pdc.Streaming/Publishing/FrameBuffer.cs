namespace Pdc.Streaming.Publishing;

/// <summary>
/// The bytes of one or more frames, serialized once and shared by every subscriber that queues them. Reference
/// counted: whoever holds it releases it once, and the last release returns it to its pool.
/// </summary>
internal sealed class FrameBuffer
{
    private readonly FrameBufferPool pool;
    private byte[] bytes;
    private int references;

    public FrameBuffer(FrameBufferPool pool, int capacity)
    {
        this.pool = pool;
        bytes = new byte[capacity];
    }

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Memory => bytes.AsMemory(0, Length);

    /// <summary>True for a data frame; false for config and header frames, which carry no publication time.</summary>
    public bool CarriesData { get; private set; }

    /// <summary>When the concentrator published the aligned frame these bytes came from (local clock).</summary>
    public long PublishedNanoseconds { get; private set; }

    /// <summary>When the aligned frame became ready: its last device's arrival, or its deadline when one was missing.</summary>
    public long ReadyNanoseconds { get; private set; }

    /// <summary>Makes the buffer hold <paramref name="size"/> bytes for the one caller that rented it, and returns them to fill.</summary>
    public Span<byte> Prepare(int size)
    {
        if (bytes.Length < size)
        {
            bytes = new byte[size];
        }

        Length = size;
        CarriesData = false;
        references = 1;
        return bytes.AsSpan(0, size);
    }

    public void MarkData(long publishedNanoseconds, long readyNanoseconds)
    {
        CarriesData = true;
        PublishedNanoseconds = publishedNanoseconds;
        ReadyNanoseconds = readyNanoseconds;
    }

    public void Retain() => Interlocked.Increment(ref references);

    public void Release()
    {
        if (Interlocked.Decrement(ref references) == 0)
        {
            pool.Return(this);
        }
    }
}
