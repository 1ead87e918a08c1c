using System.Threading.Channels;

namespace Pdc.Analytics;

/// <summary>
/// Hands events to a sink that may block (a file on a slow or hung disk) from a thread of its own, so that the
/// thread processing frames (with publication on the read loops, an ingest thread) never waits for it. Past the
/// capacity of events waiting, new ones are not written: counted in <see cref="Dropped"/>, never silently. The
/// events reach the sink in the order they were published.
/// </summary>
public sealed class QueuedEventSink : IDetectorEventSink, IAsyncDisposable
{
    // What is still queued at the end gets this long to reach a sink that may never take it.
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly Channel<DetectorEvent> queue;
    private readonly IDetectorEventSink sink;
    private readonly Task writing;
    private long dropped;
    private long failed;

    public QueuedEventSink(IDetectorEventSink sink, int capacity = 10_000)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.sink = sink;
        queue = Channel.CreateBounded<DetectorEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        writing = Task.Factory.StartNew(Write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Events not handed to the sink because too many were waiting for it.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>Events the sink threw on (a full disk, a closed file); the next ones are still tried.</summary>
    public long Failed => Interlocked.Read(ref failed);

    /// <summary>Queues the event; never waits.</summary>
    public void Publish(DetectorEvent detectorEvent)
    {
        ArgumentNullException.ThrowIfNull(detectorEvent);
        if (!queue.Writer.TryWrite(detectorEvent))
        {
            Interlocked.Increment(ref dropped);
        }
    }

    /// <summary>Writes what is queued (for a few seconds at most), then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        try
        {
            await writing.WaitAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The sink took nothing more: what is left is counted as dropped.
            Interlocked.Add(ref dropped, queue.Reader.Count);
        }
    }

    private void Write()
    {
        var reader = queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (reader.TryRead(out var detectorEvent))
            {
                try
                {
                    sink.Publish(detectorEvent);
                }
                catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }
    }
}
