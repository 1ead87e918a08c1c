using Pdc.Protocol;
using Pdc.Streaming.Metrics;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Alignment;

/// <summary>
/// The live concentrator: ingest read loops place frames into the <see cref="AlignmentBuffer"/> under one lock.
/// The read loop whose frame completes the oldest instant publishes it at once, on its own thread; a publication
/// loop on a thread of its own publishes the instants whose lag time expires, and any that completed while another
/// thread was publishing. One thread publishes at a time, so the consumers get the instants in order. The consumers
/// are spread over <see cref="AlignmentOptions.PublicationThreads"/> lanes that publish at once.
/// </summary>
public sealed class Concentrator : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Lock publishing = new();
    private readonly AlignmentBuffer buffer;
    private readonly IClock clock;
    private readonly PublicationLanes lanes;
    private readonly SemaphoreSlim wake = new(0);
    private readonly List<AlignedFrame> ready = new(64);
    private readonly LatencyHistogram publicationLatency = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Thread? loop;
    private int wakePending;
    private volatile bool disposed;

    // Set (under gate) while the loop sleeps with no instant waiting. Placements only ever add instants after the
    // oldest waiting one, so a placement can bring a deadline earlier than the loop's wake-up only then.
    private bool loopIdle = true;

    public Concentrator(AlignmentOptions options, IClock clock, IReadOnlyList<IAlignedFrameConsumer> consumers)
    {
        this.clock = clock;
        buffer = new AlignmentBuffer(options, clock);
        lanes = new PublicationLanes(consumers, options.PublicationThreads);
    }

    /// <summary>How long the loop sleeps when no instant waits: a safety net, since a placement wakes it for an earlier deadline.</summary>
    internal TimeSpan IdleWait { get; init; } = TimeSpan.FromMilliseconds(100);

    public OutputLayout Layout
    {
        get
        {
            lock (gate)
            {
                return buffer.Layout;
            }
        }
    }

    public void SetDevices(IReadOnlyList<DeviceSource> devices)
    {
        lock (gate)
        {
            buffer.SetDevices(devices);
        }

        // A new device list can change the filter delay, so the deadline the loop sleeps until.
        WakeLoop();
    }

    /// <summary>Takes one device's frame from an ingest read loop; copies its values, so the caller may reuse the frame.</summary>
    public FrameDisposition Place(ushort idCode, DataFrame source, int pmu, long arrivalNanoseconds)
    {
        FrameDisposition disposition;
        Next next;
        lock (gate)
        {
            disposition = buffer.Place(idCode, source, pmu, arrivalNanoseconds);
            next = disposition == FrameDisposition.Placed ? NextStep() : Next.Nothing;
        }

        Act(next);
        return disposition;
    }

    /// <summary>
    /// Takes every PMU of a multi-PMU frame (an upstream PDC's) under one lock, as a block where it can
    /// (<see cref="AlignmentBuffer.PlaceFrame"/>); returns how many PMU blocks were placed.
    /// </summary>
    public int PlaceFrame(DataFrame source, long arrivalNanoseconds)
    {
        int placed;
        Next next;
        lock (gate)
        {
            placed = buffer.PlaceFrame(source, arrivalNanoseconds);
            next = placed > 0 ? NextStep() : Next.Nothing;
        }

        Act(next);
        return placed;
    }

    private enum Next
    {
        Nothing,

        /// <summary>The oldest instant is complete: publish it now.</summary>
        Publish,

        /// <summary>An instant now waits while the loop idles: wake it to sleep until that instant's deadline.</summary>
        WakeLoop,
    }

    /// <summary>Under <see cref="gate"/>, after a placement: what the placing thread does next.</summary>
    private Next NextStep()
    {
        if (buffer.HasCompleteInstant)
        {
            return Next.Publish;
        }

        return loopIdle ? Next.WakeLoop : Next.Nothing;
    }

    /// <summary>
    /// The arrival that completes the oldest instant publishes it on its own thread, unless another thread is
    /// publishing: handing it to the loop's thread would add that thread's wake-up and its wait for a core (on a
    /// busy two-core machine, a p99 of several milliseconds). With several publication lanes the publisher waits for
    /// the other lanes' sends, which a read loop must not, so the loop publishes. Otherwise, and while the loop idles
    /// with an instant now waiting, the loop is woken.
    /// </summary>
    private void Act(Next next)
    {
        if (next == Next.Publish && loop is not null && lanes.Count == 1 && publishing.TryEnter())
        {
            try
            {
                if (!disposed)
                {
                    PublishReady();
                }
            }
            finally
            {
                publishing.Exit();
            }

            return;
        }

        if (next != Next.Nothing)
        {
            WakeLoop();
        }
    }

    private void WakeLoop()
    {
        if (disposed || Interlocked.Exchange(ref wakePending, 1) != 0)
        {
            return;
        }

        try
        {
            wake.Release();
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the release: a read loop still running at shutdown has nothing to wake.
        }
    }

    public void Start()
    {
        if (loop is not null)
        {
            return;
        }

        lanes.Start();
        loop = new Thread(() => Run(stopping.Token)) { IsBackground = true, Name = "pdc concentrator", Priority = ThreadPriority.AboveNormal };
        loop.Start();
    }

    /// <summary>Counts and latency since start; a copy, safe to read from any thread.</summary>
    public ConcentratorStatistics Snapshot()
    {
        lock (gate)
        {
            return ConcentratorStatistics.From(buffer.Statistics, publicationLatency, lanes.ConsumerFailures, lanes.LastConsumerFailure);
        }
    }

    private void Run(CancellationToken cancellation)
    {
        try
        {
            while (!cancellation.IsCancellationRequested)
            {
                lock (publishing)
                {
                    PublishReady();
                }

                long wakeAt;
                lock (gate)
                {
                    var deadline = buffer.NextDeadlineNanoseconds;
                    loopIdle = deadline is null;
                    wakeAt = deadline ?? clock.UtcNowNanoseconds + (IdleWait.Ticks * 100);
                }

                try
                {
                    wake.Wait(TimeSpan.FromTicks(Math.Max(0, (wakeAt - clock.UtcNowNanoseconds) / 100)), cancellation);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                Volatile.Write(ref wakePending, 0);
            }

            stopped.TrySetResult();
        }
        catch (Exception e)
        {
            stopped.TrySetException(e);
        }
    }

    /// <summary>Publishes every instant that is ready, in order; called by one thread at a time (under <see cref="publishing"/>).</summary>
    private void PublishReady()
    {
        lock (gate)
        {
            buffer.CollectReady(ready);
        }

        try
        {
            lanes.Publish(ready);
        }
        finally
        {
            // Whatever happened, the frames go back once, so that the next publication does not repeat them.
            lock (gate)
            {
                foreach (var frame in ready)
                {
                    publicationLatency.Record((frame.PublishedNanoseconds - frame.ReadyNanoseconds) / 1000);
                    buffer.Release(frame);
                }
            }

            ready.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            if (loop is not null)
            {
                await stopped.Task.ConfigureAwait(false);
            }
        }
        finally
        {
            // A read loop still delivering frames finds nothing to publish to, and waits for no lane.
            lock (publishing)
            {
                lanes.Dispose();
            }

            stopping.Dispose();
            wake.Dispose();
        }
    }
}
