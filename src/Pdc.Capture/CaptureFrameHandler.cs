using Pdc.Protocol;

namespace Pdc.Capture;

/// <summary>Called for every frame, and every refusal, that a capture's flows yield, in file order.</summary>
/// <param name="flow">The flow the frame came on.</param>
/// <param name="packetNanoseconds">Capture time of the packet that completed the frame; null where the file has none.</param>
/// <param name="frame">The decoded frame or the refusal; its storage is reused after the call.</param>
public delegate void CaptureFrameHandler(CaptureFlow flow, long? packetNanoseconds, DecodedFrame frame);
