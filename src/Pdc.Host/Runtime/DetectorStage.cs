using Microsoft.Extensions.Logging;
using Pdc.Analytics;
using Pdc.Streaming.Alignment;

namespace Pdc.Host.Runtime;

/// <summary>
/// Runs the configured detectors on every aligned frame, as the concentrator publishes it, and sends their events to the
/// log, to GET /api/events and, when asked, to a JSON-lines event file.
/// </summary>
internal sealed class DetectorStage : IAlignedFrameConsumer, IDisposable
{
    private readonly DetectorPipeline pipeline;
    private readonly JsonLinesEventLog? eventLog;

    public DetectorStage(DetectorPipelineSettings settings, ILogger log, string? eventLogPath)
    {
        pipeline = new DetectorPipeline(settings);
        if (eventLogPath is not null)
        {
            eventLog = new JsonLinesEventLog(File.Open(eventLogPath, FileMode.Append, FileAccess.Write, FileShare.Read), ownsStream: true);
            pipeline.Events.Subscribe(eventLog);
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

    public void Dispose() => eventLog?.Dispose();
}
