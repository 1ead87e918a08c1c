using Pdc.Protocol;

namespace Pdc.Analytics;

/// <summary>
/// Builds a detector's start and end events and hands them to its sink, and keeps the events it started and
/// has not ended, so that a new configuration can end them. Allocates only when it reports.
/// </summary>
internal sealed class EventEmitter(string detector, IDetectorEventSink sink)
{
    /// <summary>The message of an end caused by <see cref="IsNewConfiguration"/> rather than by the condition.</summary>
    public const string ConfigurationChanged = "ended: the configuration changed";

    private readonly List<DetectorEvent> open = [];
    private ConfigFrame? bound;

    public DetectorEvent Start(
        DetectorEventType type,
        EventSeverity severity,
        string subject,
        long time,
        IReadOnlyList<string> pmus,
        EventValue[] values,
        EventValue[] settings,
        double confidence = 1,
        string message = "",
        long? startTime = null)
    {
        var started = new DetectorEvent
        {
            Detector = detector,
            Type = type,
            Severity = severity,
            Phase = EventPhase.Start,
            Subject = subject,
            TimeUnixNanoseconds = time,
            StartUnixNanoseconds = startTime ?? time,
            Pmus = pmus,
            Values = values,
            Settings = settings,
            Confidence = confidence,
            Message = message,
        };
        open.Add(started);
        sink.Publish(started);
        return started;
    }

    public DetectorEvent End(DetectorEvent started, long time, EventValue[]? values = null)
    {
        // By reference: two starts can be equal as records.
        for (var i = 0; i < open.Count; i++)
        {
            if (ReferenceEquals(open[i], started))
            {
                open.RemoveAt(i);
                break;
            }
        }

        return Publish(started, time, values ?? started.Values, started.Message);
    }

    /// <summary>
    /// True when <paramref name="config"/> is not the configuration the detector is bound to: every event it had
    /// open is ended at <paramref name="time"/> first (the subjects that hold them are about to be replaced, and
    /// nothing would end them afterwards), and the detector then binds the new one.
    /// </summary>
    public bool IsNewConfiguration(ConfigFrame config, long time)
    {
        if (ReferenceEquals(config, bound))
        {
            return false;
        }

        foreach (var started in open)
        {
            Publish(started, time, started.Values, ConfigurationChanged);
        }

        open.Clear();
        bound = config;
        return true;
    }

    private DetectorEvent Publish(DetectorEvent started, long time, IReadOnlyList<EventValue> values, string message)
    {
        var ended = started with
        {
            Phase = EventPhase.End,
            TimeUnixNanoseconds = time,
            EndUnixNanoseconds = time,
            Values = values,
            Message = message,
        };
        sink.Publish(ended);
        return ended;
    }
}
