namespace Pdc.Streaming.Alignment;

/// <summary>
/// Receives each aligned frame, in order and one at a time: output streams, cheap detectors, the archive. The
/// calling thread may be the ingest read loop whose frame completed the instant, so a consumer must return quickly
/// (and never block on the ingest); it must not keep the frame: the frame is reused once every consumer returns.
/// </summary>
public interface IAlignedFrameConsumer
{
    void Publish(AlignedFrame frame);
}
