using System.Threading.Channels;

namespace Pdc.Host.Runtime;

/// <summary>
/// Items for a writer that may block (a console nobody reads, a file on a hung disk), written in order by a thread
/// of its own, so that the thread producing them (with inline socket completions, a read loop) never waits. Past
/// the capacity waiting, new items are dropped and counted, never silently: the writer is told how many before its
/// next item, and once more at the end.
/// </summary>
internal sealed class BackgroundQueue<T> : IAsyncDisposable
{
    private readonly Channel<T> queue;
    private readonly Action<T> write;
    private readonly Action<long> sayDropped;
    private readonly TimeSpan drainTimeout;
    private readonly Task writing;
    private long dropped;
    private long unsaid;

    /// <param name="write">Writes one item, on the queue's thread; it may block.</param>
    /// <param name="sayDropped">Told, on the queue's thread, how many items were dropped since it was last told.</param>
    /// <param name="drainTimeout">How long what is still queued at the end gets to reach a writer that may never take it.</param>
    public BackgroundQueue(int capacity, Action<T> write, Action<long> sayDropped, TimeSpan drainTimeout)
    {
        queue = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true });
        this.write = write;
        this.sayDropped = sayDropped;
        this.drainTimeout = drainTimeout;
        writing = Task.Factory.StartNew(Write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Items dropped because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Queues <paramref name="item"/>; never waits.</summary>
    public void Add(T item)
    {
        if (!queue.Writer.TryWrite(item))
        {
            Interlocked.Increment(ref dropped);
            Interlocked.Increment(ref unsaid);
        }
    }

    /// <summary>False once the writer did not finish within the drain timeout: it is still stuck in a write.</summary>
    public bool Drained => writing.IsCompleted;

    /// <summary>Lets the writer finish what is queued, for the drain timeout at most; a second call does not wait again.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!queue.Writer.TryComplete())
        {
            return;
        }

        try
        {
            await writing.WaitAsync(drainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The writer took nothing more: the process is ending anyway.
        }
    }

    private void Write()
    {
        var reader = queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var item))
            {
                SayDropped();
                write(item);
            }
        }

        SayDropped();
    }

    private void SayDropped()
    {
        var lost = Interlocked.Exchange(ref unsaid, 0);
        if (lost > 0)
        {
            sayDropped(lost);
        }
    }
}
