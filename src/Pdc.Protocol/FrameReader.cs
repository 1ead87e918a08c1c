using System.Buffers;
using System.Buffers.Binary;

namespace Pdc.Protocol;

/// <summary>
/// Cuts a byte stream into C37.118 frames. It finds SYNC (skipping and reporting garbage), checks
/// FRAMESIZE and CHK, and hands out each frame as one contiguous span: straight from the buffer when the
/// frame lies in one segment, else copied to a scratch buffer that this reader owns (one per stream).
/// Malformed input never throws, always advances the buffer, and never makes the reader hold more than
/// <see cref="MaxFrameSize"/> bytes.
/// </summary>
public sealed class FrameReader
{
    private byte[] scratch = [];

    public FrameReader(int maxFrameSize = ushort.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrameSize, FrameHeader.MinimumFrameSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFrameSize, ushort.MaxValue);
        MaxFrameSize = maxFrameSize;
    }

    /// <summary>Frames declaring a larger FRAMESIZE are refused as <see cref="FrameRejection.BadSize"/>.</summary>
    public int MaxFrameSize { get; }

    /// <summary>
    /// Reads the next frame from the start of <paramref name="buffer"/> and slices the buffer past what was
    /// consumed. On <see cref="FrameReadStatus.NeedMoreData"/> the buffer is left at the first byte still needed,
    /// so a pipe reader advances to <c>buffer.Start</c> and marks <c>buffer.End</c> as examined.
    /// </summary>
    public FrameReadStatus TryReadFrame(ref ReadOnlySequence<byte> buffer, out RawFrame frame)
    {
        if (TryReadFromFirstSegment(ref buffer, out frame) is { } status)
        {
            return status;
        }

        var skipped = SkipToSync(ref buffer);
        if (skipped > 0)
        {
            frame = new RawFrame(FrameRejection.BadSync, skipped);
            return FrameReadStatus.Rejected;
        }

        Span<byte> prefix = stackalloc byte[FrameHeader.Size];
        if (buffer.Length < 4)
        {
            frame = default;
            return FrameReadStatus.NeedMoreData;
        }

        buffer.Slice(0, 4).CopyTo(prefix);
        int size = BinaryPrimitives.ReadUInt16BigEndian(prefix[2..]);
        if (size < FrameHeader.MinimumFrameSize || size > MaxFrameSize)
        {
            buffer = buffer.Slice(2);
            frame = new RawFrame(FrameRejection.BadSize, 2);
            return FrameReadStatus.Rejected;
        }

        if (buffer.Length < size)
        {
            frame = default;
            return FrameReadStatus.NeedMoreData;
        }

        var bytes = Contiguous(buffer.Slice(0, size));
        var header = FrameHeader.Read(bytes);
        if (!FrameChecksum.IsValid(bytes))
        {
            // Trust FRAMESIZE only when the next frame's SYNC confirms it; else resynchronize just past SYNC,
            // so one corrupted size field cannot swallow the good frames behind it.
            var confirmed = buffer.Length == size || StartsWithSync(buffer.Slice(size));
            var consumed = confirmed ? size : 2;
            buffer = buffer.Slice(consumed);
            frame = new RawFrame(FrameRejection.BadCrc, consumed, header);
            return FrameReadStatus.Rejected;
        }

        buffer = buffer.Slice(size);
        if (header.Version is not ((byte)ProtocolVersion.Ieee2005 or (byte)ProtocolVersion.Ieee2011))
        {
            frame = new RawFrame(FrameRejection.UnknownVersion, size, header);
            return FrameReadStatus.Rejected;
        }

        frame = new RawFrame(header, bytes);
        return FrameReadStatus.Frame;
    }

    /// <summary>
    /// The common case, without a sequence: true when <paramref name="bytes"/> starts with a whole, good frame (SYNC,
    /// a known type and version, FRAMESIZE within bounds, CHK right), which <paramref name="frame"/> then is; its
    /// length is what was read. False for anything else, with nothing consumed: <see cref="TryReadFrame"/> sorts it out.
    /// </summary>
    public bool TryReadWholeFrame(ReadOnlySpan<byte> bytes, out RawFrame frame)
    {
        if (StartOf(bytes) is not { } size || size > bytes.Length || !FrameChecksum.IsValid(bytes[..size]))
        {
            frame = default;
            return false;
        }

        frame = new RawFrame(FrameHeader.Read(bytes), bytes[..size]);
        return true;
    }

    /// <summary>
    /// The common cases: a good frame at the start of the first segment, read without slicing the sequence
    /// until the end, the start of one whose rest is still to come, or nothing at all. Null for anything else
    /// (garbage, a frame split across segments, a bad CRC), which takes the general path.
    /// </summary>
    private FrameReadStatus? TryReadFromFirstSegment(ref ReadOnlySequence<byte> buffer, out RawFrame frame)
    {
        var first = buffer.FirstSpan;
        if (TryReadWholeFrame(first, out frame))
        {
            buffer = buffer.Slice(frame.Bytes.Length);
            return FrameReadStatus.Frame;
        }

        var waiting = first.IsEmpty || (StartOf(first) is { } size && size > first.Length);
        return waiting && buffer.IsSingleSegment ? FrameReadStatus.NeedMoreData : null;
    }

    /// <summary>The FRAMESIZE of a plausible frame start (SYNC, known type and version, size in bounds); null otherwise.</summary>
    private int? StartOf(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 4 || bytes[0] != FrameHeader.SyncByte || !FrameHeader.IsKnownTypeByte(bytes[1]))
        {
            return null;
        }

        int size = BinaryPrimitives.ReadUInt16BigEndian(bytes[2..]);
        var version = bytes[1] & 0x0F;
        return size < FrameHeader.MinimumFrameSize || size > MaxFrameSize
            || version is not ((byte)ProtocolVersion.Ieee2005 or (byte)ProtocolVersion.Ieee2011) ? null : size;
    }

    /// <summary>Drops bytes up to the first 0xAA followed by a known frame-type byte; returns how many.</summary>
    private static long SkipToSync(ref ReadOnlySequence<byte> buffer)
    {
        long skipped = 0;
        while (true)
        {
            var at = buffer.PositionOf(FrameHeader.SyncByte);
            if (at is null)
            {
                skipped += buffer.Length;
                buffer = buffer.Slice(buffer.End);
                return skipped;
            }

            var candidate = buffer.Slice(at.Value);
            skipped += buffer.Length - candidate.Length;
            buffer = candidate;
            if (buffer.Length < 2 || StartsWithSync(buffer))
            {
                return skipped;
            }

            buffer = buffer.Slice(1);
            skipped++;
        }
    }

    private static bool StartsWithSync(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            return buffer.Length == 0 || buffer.FirstSpan[0] == FrameHeader.SyncByte;
        }

        Span<byte> two = stackalloc byte[2];
        buffer.Slice(0, 2).CopyTo(two);
        return two[0] == FrameHeader.SyncByte && FrameHeader.IsKnownTypeByte(two[1]);
    }

    private ReadOnlySpan<byte> Contiguous(ReadOnlySequence<byte> frame)
    {
        if (frame.FirstSpan.Length >= frame.Length)
        {
            return frame.FirstSpan[..(int)frame.Length];
        }

        if (scratch.Length < frame.Length)
        {
            // Grows only to bytes actually received, never to a size field alone; capped by MaxFrameSize.
            scratch = new byte[Math.Max((int)frame.Length, Math.Min(MaxFrameSize, scratch.Length * 2))];
        }

        frame.CopyTo(scratch);
        return scratch.AsSpan(0, (int)frame.Length);
    }
}
