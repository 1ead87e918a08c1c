namespace Pdc.Streaming.Alignment;

/// <summary>One device's alignment counts at one moment.</summary>
public sealed record DeviceAlignmentSnapshot(
    ushort IdCode, long Placed, long Late, long Duplicates, long TooEarly, long OffGrid, long BadTimeQuality, long Missing, long Held)
{
    internal static DeviceAlignmentSnapshot From(DeviceAlignmentCounters c) => new(
        c.IdCode,
        c[FrameDisposition.Placed],
        c[FrameDisposition.Late],
        c[FrameDisposition.Duplicate],
        c[FrameDisposition.TooEarly],
        c[FrameDisposition.OffGrid],
        c[FrameDisposition.BadTimeQuality],
        c.Missing,
        c.Held);
}
