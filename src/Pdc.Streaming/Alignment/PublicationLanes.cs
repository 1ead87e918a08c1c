namespace Pdc.Streaming.Alignment;

/// <summary>
/// Hands aligned frames to the concentrator's consumers on several threads at once, so that one output stream's
/// serialization and socket sends do not wait behind another's. The consumers are dealt to lanes in turn; lane 0 runs
/// on the publishing thread and every other lane on a thread of its own. A consumer always runs on its one lane and
/// sees every frame in order. <see cref="Publish"/> returns when every lane is done with the batch, so the caller may
/// release its frames. One thread publishes at a time.
/// </summary>
internal sealed class PublicationLanes : IDisposable
{
    private readonly IAlignedFrameConsumer[][] lanes;
    private readonly SemaphoreSlim[] go;
    private readonly CountdownEvent? finished;
    private readonly Thread[] threads;
    private List<AlignedFrame> batch = [];
    private volatile bool stopping;
    private long consumerFailures;
    private string? lastConsumerFailure;

    /// <param name="consumers">In the order each frame reaches them within a lane: outputs first, analysis last.</param>
    /// <param name="threads">Lanes wanted; no more are made than there are consumers.</param>
    public PublicationLanes(IReadOnlyList<IAlignedFrameConsumer> consumers, int threads)
    {
        var count = Math.Clamp(threads, 1, Math.Max(1, consumers.Count));
        lanes = [.. Enumerable.Range(0, count).Select(lane => consumers.Where((_, i) => i % count == lane).ToArray())];
        go = [.. Enumerable.Range(1, count - 1).Select(_ => new SemaphoreSlim(0))];
        finished = count > 1 ? new CountdownEvent(count - 1) : null;
        this.threads = [.. Enumerable.Range(1, count - 1).Select(lane => new Thread(() => Serve(lane)) { IsBackground = true, Name = $"pdc publication {lane + 1}" })];
    }

    public int Count => lanes.Length;

    /// <summary>Frames a consumer threw on (the others still got them, and it gets the next).</summary>
    public long ConsumerFailures => Interlocked.Read(ref consumerFailures);

    /// <summary>The consumer, exception and message of the latest failure.</summary>
    public string? LastConsumerFailure => Volatile.Read(ref lastConsumerFailure);

    /// <summary>Starts the lanes' threads; before this, only lane 0's consumers would be served.</summary>
    public void Start()
    {
        foreach (var thread in threads)
        {
            thread.Start();
        }
    }

    /// <summary>Publishes <paramref name="frames"/>, in order, to every consumer; returns when all lanes are done.</summary>
    public void Publish(List<AlignedFrame> frames)
    {
        if (frames.Count == 0)
        {
            return;
        }

        if (finished is not null)
        {
            batch = frames;
            finished.Reset(lanes.Length - 1);
            foreach (var lane in go)
            {
                lane.Release();
            }
        }

        try
        {
            Run(lanes[0], frames);
        }
        finally
        {
            if (finished is not null)
            {
                // The frames are released when this returns: never while another lane still reads them.
                finished.Wait();
            }
        }
    }

    public void Dispose()
    {
        stopping = true;
        foreach (var lane in go)
        {
            lane.Release();
        }

        foreach (var thread in threads)
        {
            if (thread.ThreadState != ThreadState.Unstarted)
            {
                thread.Join();
            }
        }

        foreach (var lane in go)
        {
            lane.Dispose();
        }

        finished?.Dispose();
    }

    private void Serve(int lane)
    {
        while (true)
        {
            go[lane - 1].Wait();
            if (stopping)
            {
                return;
            }

            try
            {
                Run(lanes[lane], batch);
            }
            finally
            {
                finished!.Signal();
            }
        }
    }

    private void Run(IAlignedFrameConsumer[] consumers, List<AlignedFrame> frames)
    {
        for (var f = 0; f < frames.Count; f++)
        {
            foreach (var consumer in consumers)
            {
                try
                {
                    consumer.Publish(frames[f]);
                }
                catch (Exception e)
                {
                    // One consumer's fault must stop neither the others nor publication: it is counted and shown in
                    // the statistics, and the next frame is offered to it again.
                    Interlocked.Increment(ref consumerFailures);
                    Volatile.Write(ref lastConsumerFailure, $"{consumer.GetType().Name}: {e.GetType().Name}: {e.Message}");
                }
            }
        }
    }
}
