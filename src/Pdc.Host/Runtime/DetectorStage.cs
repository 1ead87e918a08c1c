using Microsoft.Extensions.Logging;
using Pdc.Analytics;
using Pdc.Streaming.Alignment;

namespace Pdc.Host.Runtime;

/// <summary>
/// Runs the configured detectors on every aligned frame, as the concentrator publishes it, and sends their events to the
/// log, to GET /api/events and, when asked, to a JSON-lines event file, which its own thread writes: a slow disk must
/// not hold the thread that publishes (an ingest read loop).
/// </summary>
internal sealed class DetectorStage : IAlignedFrameConsumer, IAsyncDisposable
{
    // Far more events than detectors raise in minutes: only a disk that hangs fills it.
    private const int EventFileQueue = 10_000;

    private readonly DetectorPipeline pipeline;
    private readonly JsonLinesEventLog? eventLog;
    private readonly BackgroundQueue<DetectorEvent>? eventFile;
    private long eventsFailed;

    public DetectorStage(DetectorPipelineSettings settings, ILogger log, string? eventLogPath)
    {
        pipeline = new DetectorPipeline(settings);
        if (eventLogPath is not null)
        {
            eventLog = new JsonLinesEventLog(File.Open(eventLogPath, FileMode.Append, FileAccess.Write, FileShare.Read), ownsStream: true);
            var file = eventLog;
            eventFile = new BackgroundQueue<DetectorEvent>(EventFileQueue, e => WriteEvent(file, e), _ => { }, TimeSpan.FromSeconds(5));
            pipeline.Events.Subscribe(eventFile.Add);
        }

        pipeline.Events.Subscribe(Recent.Add);
        pipeline.Events.Subscribe(e => RuntimeLog.DetectorEvent(log, e.Severity, e.Type, e.Phase, e.Subject, e.Message));
    }

    public RecentEvents Recent { get; } = new();

    public DetectorEventHub Events => pipeline.Events;

    public void Publish(AlignedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        pipeline.Process(frame.Values);
    }

    /// <summary>Events the event file did not get: too many waiting for a slow disk, or a write that failed.</summary>
    public long EventsNotWritten => (eventFile?.Dropped ?? 0) + Interlocked.Read(ref eventsFailed);

    private void WriteEvent(JsonLinesEventLog file, DetectorEvent detectorEvent)
    {
        try
        {
            file.Publish(detectorEvent);
        }
        catch (IOException)
        {
            // A full or vanished disk: counted and said in the log summary; the next events are still tried (the
            // event log starts each afresh).
            Interlocked.Increment(ref eventsFailed);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (eventFile is not null)
        {
            await eventFile.DisposeAsync().ConfigureAwait(false);
            if (!eventFile.Drained)
            {
                // Still stuck in a write to a hung disk, holding the file: closing it would wait as long.
                return;
            }
        }

        eventLog?.Dispose();
    }
}
