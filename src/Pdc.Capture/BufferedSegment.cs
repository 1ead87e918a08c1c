namespace Pdc.Capture;

/// <summary>Out-of-order TCP data copied out of the reader's buffer while it waits for what comes before it.</summary>
/// <param name="StreamOffset">Position of the first byte in the flow's byte stream.</param>
internal readonly record struct BufferedSegment(long StreamOffset, byte[] Data, PacketOrigin Origin)
{
    public long End => StreamOffset + Data.Length;

    /// <summary>What the segment counts against the flow's buffer limit.</summary>
    public int Charge => Math.Max(Data.Length, CaptureReaderOptions.SegmentOverhead);
}
