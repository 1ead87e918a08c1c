namespace Pdc.Simulation.Serving;

/// <summary>
/// Frames waiting to go to one client. Replies to commands (configs, header) are never dropped and go first;
/// data frames wait in a bounded queue that drops its oldest frame when full, so a client that reads slowly
/// loses old data (counted) instead of holding up the publisher or the other clients.
/// </summary>
internal sealed class SendQueue(int dataCapacity) : IDisposable
{
    private readonly Queue<ReadOnlyMemory<byte>> replies = new();
    private readonly Queue<ReadOnlyMemory<byte>> data = new();
    private readonly SemaphoreSlim queued = new(0);
    private readonly Lock gate = new();
    private long dropped;

    /// <summary>Data frames dropped because the queue was full.</summary>
    public long DroppedDataFrames => Interlocked.Read(ref dropped);

    public void EnqueueReply(ReadOnlyMemory<byte> frame)
    {
        lock (gate)
        {
            replies.Enqueue(frame);
        }

        queued.Release();
    }

    /// <summary>Queues a data frame; false when the oldest waiting one had to be dropped to make room.</summary>
    public bool EnqueueData(ReadOnlyMemory<byte> frame)
    {
        lock (gate)
        {
            data.Enqueue(frame);
            if (data.Count <= dataCapacity)
            {
                queued.Release();
                return true;
            }

            // One in, one out: the count of waiting frames, and so the semaphore, is unchanged.
            data.Dequeue();
            Interlocked.Increment(ref dropped);
            return false;
        }
    }

    /// <summary>Forgets waiting data frames (transmission was turned off); replies stay.</summary>
    public void ClearData()
    {
        lock (gate)
        {
            data.Clear();
        }
    }

    public async ValueTask<ReadOnlyMemory<byte>> DequeueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await queued.WaitAsync(cancellationToken).ConfigureAwait(false);
            lock (gate)
            {
                // After ClearData the semaphore may count frames that are gone; then simply wait again.
                if (replies.TryDequeue(out var reply))
                {
                    return reply;
                }

                if (data.TryDequeue(out var frame))
                {
                    return frame;
                }
            }
        }
    }

    public void Dispose() => queued.Dispose();
}
