namespace Pdc.Streaming.Alignment;

/// <summary>
/// Receives each aligned frame, in order, always on the same one of the concentrator's publication threads: output
/// streams, cheap detectors, the archive. It must return quickly and must not keep the frame: the frame is reused
/// once every consumer returns.
/// </summary>
public interface IAlignedFrameConsumer
{
    void Publish(AlignedFrame frame);
}
