namespace Pdc.Analytics;

/// <summary>Receives detector events, on the thread that processes frames.</summary>
public interface IDetectorEventSink
{
    void Publish(DetectorEvent detectorEvent);
}
