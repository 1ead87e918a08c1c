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
    private bool disposed;
    private long consumerFailures;
    private string? lastConsumerFailure;

    public Concentrator(AlignmentOptions options, IClock clock, IReadOnlyList<IAlignedFrameConsumer> consumers)
    {
        this.clock = clock;
        buffer = new AlignmentBuffer(options, clock);
        lanes = new PublicationLanes(consumers, options.PublicationThreads, RecordFailure);
    }

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
    }

    /// <summary>Takes one device's frame from an ingest read loop; copies its values, so the caller may reuse the frame.</summary>
    public FrameDisposition Place(ushort idCode, DataFrame source, int pmu, long arrivalNanoseconds)
    {
        FrameDisposition disposition;
        bool complete;
        lock (gate)
        {
            disposition = buffer.Place(idCode, source, pmu, arrivalNanoseconds);
            complete = disposition == FrameDisposition.Placed && buffer.HasCompleteInstant;
        }

        PublishIf(complete);
        return disposition;
    }

    /// <summary>
    /// Takes every PMU of a multi-PMU frame (an upstream PDC's) under one lock, as a block where it can
    /// (<see cref="AlignmentBuffer.PlaceFrame"/>); returns how many PMU blocks were placed.
    /// </summary>
    public int PlaceFrame(DataFrame source, long arrivalNanoseconds)
    {
        int placed;
        bool complete;
        lock (gate)
        {
            placed = buffer.PlaceFrame(source, arrivalNanoseconds);
            complete = placed > 0 && buffer.HasCompleteInstant;
        }

        PublishIf(complete);
        return placed;
    }

    /// <summary>
    /// The arrival that completes the oldest instant publishes it on its own thread, unless another thread is
    /// publishing: handing it to the loop's thread would add that thread's wake-up and its wait for a core (on a
    /// busy two-core machine, a p99 of several milliseconds). When another is publishing, the loop is woken to look
    /// again; deadlines wake it anyway.
    /// </summary>
    private void PublishIf(bool complete)
    {
        if (!complete)
        {
            return;
        }

        if (loop is not null && publishing.TryEnter())
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

        if (Interlocked.Exchange(ref wakePending, 1) == 0)
        {
            wake.Release();
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
            return ConcentratorStatistics.From(buffer.Statistics, publicationLatency, Interlocked.Read(ref consumerFailures), Volatile.Read(ref lastConsumerFailure));
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

                long? deadline;
                lock (gate)
                {
                    deadline = buffer.NextDeadlineNanoseconds;
                }

                var wait = deadline is { } d ? TimeSpan.FromTicks(Math.Max(0, (d - clock.UtcNowNanoseconds) / 100)) : TimeSpan.FromMilliseconds(100);
                try
                {
                    wake.Wait(wait, cancellation);
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

    private void PublishReady()
    {
        lock (gate)
        {
            buffer.CollectReady(ready);
        }

        lanes.Publish(ready);
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

    /// <summary>A consumer threw: counted and shown in the statistics; publication goes on.</summary>
    private void RecordFailure(IAlignedFrameConsumer consumer, Exception e)
    {
        Interlocked.Increment(ref consumerFailures);
        Volatile.Write(ref lastConsumerFailure, $"{consumer.GetType().Name}: {e.GetType().Name}: {e.Message}");
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await stopped.Task.ConfigureAwait(false);
        }

        lock (publishing)
        {
            // A read loop may still deliver a frame: it must find nothing to publish to.
            disposed = true;
            lanes.Dispose();
        }

        stopping.Dispose();
        wake.Dispose();
    }
}
