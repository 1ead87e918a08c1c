namespace Pdc.Analytics.Tests.Support;

/// <summary>Keeps every event published to it, for tests to inspect.</summary>
internal sealed class RecordingSink : IDetectorEventSink
{
    public List<DetectorEvent> Events { get; } = [];

    public void Publish(DetectorEvent detectorEvent) => Events.Add(detectorEvent);

    public IEnumerable<DetectorEvent> Started(DetectorEventType type) =>
        Events.Where(e => e.Type == type && e.Phase == EventPhase.Start);

    public IEnumerable<DetectorEvent> Ended(DetectorEventType type) =>
        Events.Where(e => e.Type == type && e.Phase == EventPhase.End);

    /// <summary>Seconds from the first test frame to the event's report.</summary>
    public static double SecondsOf(DetectorEvent e) => (e.TimeUnixNanoseconds - TestGrid.StartUnixNanoseconds) / 1e9;

    /// <summary>Seconds from the first test frame to the event's start.</summary>
    public static double StartSecondsOf(DetectorEvent e) => (e.StartUnixNanoseconds - TestGrid.StartUnixNanoseconds) / 1e9;
}
