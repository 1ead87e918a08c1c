using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>Frames (or garbage runs) refused for one reason, and their bytes.</summary>
public readonly record struct RejectionCount(FrameRejection Reason, long Frames, long Bytes);
