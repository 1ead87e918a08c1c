using System.Threading.Tasks.Sources;

namespace Pdc.Streaming.Publishing;

/// <summary>
/// A subscriber's bounded queue of shared frame buffers: the publishing thread adds, the subscriber's send loop
/// takes. When full it drops the oldest frame (a slow subscriber loses old data, never slows the publisher); the
/// send loop waits on a reusable value-task source, so neither side allocates per frame. While the send loop is
/// parked with nothing queued, the publisher may send a frame itself (<see cref="TryBeginDirectSend"/>); what the
/// socket did not take then goes first, ahead of the queue, so the byte stream stays whole.
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
    private bool directSending;

    // A frame the socket took only part of: the send loop finishes it before anything else.
    private FrameBuffer? unfinished;
    private int unfinishedSent;
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
                return count + (unfinished is null ? 0 : 1);
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
            // During a direct send the loop stays parked: the direct sender wakes it when done, so order holds.
            wake = waiting && !directSending;
            waiting &= !wake;
        }

        oldest?.Release();
        if (wake)
        {
            signal.SetResult(true);
        }

        return true;
    }

    /// <summary>
    /// True when the caller may send a frame straight to the socket: nothing is queued or half sent and the send
    /// loop is parked. The caller must then call <see cref="EndDirectSend"/>.
    /// </summary>
    public bool TryBeginDirectSend()
    {
        lock (gate)
        {
            if (closed || directSending || !waiting || count > 0 || unfinished is not null)
            {
                return false;
            }

            directSending = true;
            return true;
        }
    }

    /// <summary>Ends a direct send; <paramref name="rest"/> is the frame when the socket did not take all of it, of which <paramref name="sent"/> bytes went.</summary>
    public void EndDirectSend(FrameBuffer? rest, int sent)
    {
        bool wake;
        lock (gate)
        {
            directSending = false;
            if (rest is not null && !closed)
            {
                rest.Retain();
                unfinished = rest;
                unfinishedSent = sent;
            }

            wake = waiting && (count > 0 || unfinished is not null);
            waiting &= !wake;
        }

        if (wake)
        {
            signal.SetResult(true);
        }
    }

    /// <summary>
    /// Takes the frame to send next, and how many of its bytes already went; the caller owns its reference and
    /// releases it once sent.
    /// </summary>
    public bool TryDequeue(out FrameBuffer frame, out int alreadySent)
    {
        lock (gate)
        {
            if (unfinished is not null)
            {
                (frame, alreadySent) = (unfinished, unfinishedSent);
                unfinished = null;
                return true;
            }

            alreadySent = 0;
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
            var ready = count > 0 || unfinished is not null;
            if (ready || closed)
            {
                return new ValueTask<bool>(ready);
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
            if (unfinished is not null)
            {
                left.Add(unfinished);
                unfinished = null;
            }

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
