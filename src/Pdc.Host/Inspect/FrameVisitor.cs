using Pdc.Protocol;

namespace Pdc.Host.Inspect;

/// <summary>Called for every frame or rejection found in a capture, in file order.</summary>
internal delegate void FrameVisitor(StreamInspection stream, long? packetNanoseconds, DecodedFrame frame);
