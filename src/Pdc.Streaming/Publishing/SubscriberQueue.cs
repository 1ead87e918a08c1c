using System.Threading.Tasks.Sources;

namespace Pdc.Streaming.Publishing;

/// <summary>
/// A subscriber's bounded queue of shared frame buffers: the publication loop adds, the subscriber's send loop
/// takes. When full it drops the oldest frame (a slow subscriber loses old data, never slows the publisher); the
/// send loop waits on a reusable value-task source, so neither side allocates per frame.
/// </summary>
internal sealed class SubscriberQueue : IValueTaskSource<bool>
{
    private readonly Lock gate = new();
    private readonly FrameBuffer?[] ring;
    private ManualResetValueTaskSourceCore<bool> signal = new() { RunContinuationsAsynchronously = true };
    private int head;
    private int count;
    private bool waiting;
    private bool closed;
    private long dropped;

    public SubscriberQueue(int capacity)
    {
        ring = new FrameBuffer?[capacity];
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return count;
            }
        }
    }

    /// <summary>Frames dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Queues a reference to <paramref name="frame"/> (dropping the oldest when full); false once closed.</summary>
    public bool TryEnqueue(FrameBuffer frame)
    {
        FrameBuffer? oldest = null;
        bool wake;
        lock (gate)
        {
            if (closed)
            {
                return false;
            }

            frame.Retain();
            if (count == ring.Length)
            {
                oldest = ring[head];
                ring[head] = null;
                head = (head + 1) % ring.Length;
                count--;
                dropped++;
            }

            ring[(head + count) % ring.Length] = frame;
            count++;
            wake = waiting;
            waiting = false;
        }

        oldest?.Release();
        if (wake)
        {
            signal.SetResult(true);
        }

        return true;
    }

    /// <summary>Takes the oldest frame; the caller owns its reference and releases it once sent.</summary>
    public bool TryDequeue(out FrameBuffer frame)
    {
        lock (gate)
        {
            if (count == 0)
            {
                frame = null!;
                return false;
            }

            frame = ring[head]!;
            ring[head] = null;
            head = (head + 1) % ring.Length;
            count--;
            return true;
        }
    }

    /// <summary>Completes with true when a frame is queued, false once the queue is closed. One waiter at a time.</summary>
    public ValueTask<bool> WaitAsync()
    {
        lock (gate)
        {
            if (count > 0 || closed)
            {
                return new ValueTask<bool>(count > 0);
            }

            signal.Reset();
            waiting = true;
            return new ValueTask<bool>(this, signal.Version);
        }
    }

    /// <summary>Refuses further frames, releases those waiting and wakes the send loop to end.</summary>
    public void Close()
    {
        bool wake;
        var left = new List<FrameBuffer>();
        lock (gate)
        {
            if (closed)
            {
                return;
            }

            closed = true;
            while (count > 0)
            {
                left.Add(ring[head]!);
                ring[head] = null;
                head = (head + 1) % ring.Length;
                count--;
            }

            wake = waiting;
            waiting = false;
        }

        foreach (var frame in left)
        {
            frame.Release();
        }

        if (wake)
        {
            signal.SetResult(false);
        }
    }

    bool IValueTaskSource<bool>.GetResult(short token) => signal.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => signal.GetStatus(token);

    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        signal.OnCompleted(continuation, state, token, flags);
}
