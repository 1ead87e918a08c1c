namespace Pdc.Protocol;

/// <summary>
/// The result of one read: a whole frame's bytes (valid until the next read on the same reader), or the
/// reason and count of bytes that were skipped.
/// </summary>
public readonly ref struct RawFrame
{
    public RawFrame(FrameHeader header, ReadOnlySpan<byte> bytes)
    {
        Header = header;
        Bytes = bytes;
    }

    public RawFrame(FrameRejection rejection, long skippedBytes, FrameHeader header = default)
    {
        Rejection = rejection;
        SkippedBytes = skippedBytes;
        Header = header;
    }

    public FrameHeader Header { get; }

    /// <summary>The frame from SYNC through CHK.</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    public FrameRejection Rejection { get; }

    /// <summary>Bytes consumed without yielding a frame.</summary>
    public long SkippedBytes { get; }
}
