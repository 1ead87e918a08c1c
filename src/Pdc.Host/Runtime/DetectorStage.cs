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
    private readonly DetectorPipeline pipeline;
    private readonly JsonLinesEventLog? eventLog;
    private readonly QueuedEventSink? eventFile;

    public DetectorStage(DetectorPipelineSettings settings, ILogger log, string? eventLogPath)
    {
        pipeline = new DetectorPipeline(settings);
        if (eventLogPath is not null)
        {
            eventLog = new JsonLinesEventLog(File.Open(eventLogPath, FileMode.Append, FileAccess.Write, FileShare.Read), ownsStream: true);
            eventFile = new QueuedEventSink(eventLog);
            pipeline.Events.Subscribe(eventFile);
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
    public long EventsNotWritten => (eventFile?.Dropped ?? 0) + (eventFile?.Failed ?? 0);

    public async ValueTask DisposeAsync()
    {
        if (eventFile is not null)
        {
            await eventFile.DisposeAsync().ConfigureAwait(false);
        }

        eventLog?.Dispose();
    }
}
