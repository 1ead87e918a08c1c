namespace Pdc.Analytics;

/// <summary>Builds a detector's start and end events and hands them to its sink. Allocates only when it reports.</summary>
internal sealed class EventEmitter(string detector, IDetectorEventSink sink)
{
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
        sink.Publish(started);
        return started;
    }

    public DetectorEvent End(DetectorEvent started, long time, EventValue[]? values = null)
    {
        var ended = started with
        {
            Phase = EventPhase.End,
            TimeUnixNanoseconds = time,
            EndUnixNanoseconds = time,
            Values = values ?? started.Values,
        };
        sink.Publish(ended);
        return ended;
    }
}
