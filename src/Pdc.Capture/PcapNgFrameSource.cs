namespace Pdc.Capture;

/// <summary>
/// Reads pcapng files: sections (each with its own byte order and interfaces) of blocks.
/// Packets come from enhanced, simple and obsolete packet blocks; other blocks are skipped by their length.
/// </summary>
internal sealed class PcapNgFrameSource : IFrameSource
{
    public const uint SectionHeaderType = 0x0A0D0D0A;

    private const uint InterfaceDescriptionType = 1;
    private const uint ObsoletePacketType = 2;
    private const uint SimplePacketType = 3;
    private const uint EnhancedPacketType = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const int BlockHeaderLength = 8;
    private const int MinBlockLength = 12;
    private const int MaxBlockLength = 256 * 1024 * 1024;

    private readonly CaptureInput input;
    private readonly CaptureStatistics statistics;

    // Interfaces of all sections, so that ids stay unique across the file.
    private readonly List<PcapNgInterface> interfaces = [];
    private int sectionFirstInterface;
    private ByteOrder order;

    public PcapNgFrameSource(CaptureInput input, CaptureStatistics statistics)
    {
        this.input = input;
        this.statistics = statistics;
    }

    public CaptureError? Error { get; private set; }

    public IEnumerable<LinkFrame> ReadFrames()
    {
        while (TryReadBlock(out var blockOffset, out var type, out var body))
        {
            LinkFrame? frame = null;
            var problem = type switch
            {
                SectionHeaderType => StartSection(body.Span),
                InterfaceDescriptionType => DescribeInterface(body.Span),
                _ => ReadPacket(type, body, blockOffset + BlockHeaderLength, out frame),
            };
            if (problem is not null)
            {
                Error = new(blockOffset, $"{problem} at offset {blockOffset}");
                yield break;
            }

            if (frame is { } packet)
            {
                yield return packet;
            }
        }
    }

    /// <summary>
    /// Reads the next block the reader uses, skipping the others; false at the end of the file or,
    /// with <see cref="Error"/> set, at a block that cannot be read.
    /// </summary>
    /// <param name="body">The block between its length and its trailing length; valid until the next read.</param>
    private bool TryReadBlock(out long blockOffset, out uint type, out ReadOnlyMemory<byte> body)
    {
        body = default;
        while (true)
        {
            blockOffset = input.Offset;
            type = 0;
            var available = input.Fill(MinBlockLength);
            if (available == 0)
            {
                return false;
            }

            if (available < MinBlockLength)
            {
                return Fail(blockOffset, $"truncated block header at offset {blockOffset}: {MinBlockLength} bytes needed, {available} remain");
            }

            var start = input.Peek(MinBlockLength);

            // The byte-order magic comes after the length, and says how to read the length itself.
            if (ByteOrder.Little.UInt32(start) == SectionHeaderType && !TryReadByteOrder(start[8..], out order))
            {
                return Fail(blockOffset, $"section header block at offset {blockOffset} has no valid byte-order magic (0x{ByteOrder.Little.UInt32(start[8..]):x8})");
            }

            type = order.UInt32(start);
            var length = order.UInt32(start[4..]);
            if (length < MinBlockLength || length % 4 != 0 || length > MaxBlockLength)
            {
                return Fail(blockOffset, $"block at offset {blockOffset} (type 0x{type:x8}) has an invalid length of {length} bytes (must be a multiple of 4 from {MinBlockLength} to {MaxBlockLength})");
            }

            if (type is SectionHeaderType or InterfaceDescriptionType or EnhancedPacketType or SimplePacketType or ObsoletePacketType)
            {
                available = input.Fill((int)length);
                if (available < length)
                {
                    return Fail(blockOffset, $"truncated block at offset {blockOffset}: header says {length} bytes, {available} remain");
                }

                var block = input.Take((int)length);
                var trailingLength = order.UInt32(block.Span[^4..]);
                if (trailingLength != length)
                {
                    return Fail(blockOffset, $"block at offset {blockOffset} ends with length {trailingLength}, but its header says {length}");
                }

                body = block[BlockHeaderLength..^4];
                return true;
            }

            var skipped = input.Skip(length);
            if (skipped < length)
            {
                return Fail(blockOffset, $"truncated block at offset {blockOffset}: header says {length} bytes, {skipped} remain");
            }

            statistics.SkippedBlocks++;
        }
    }

    private bool Fail(long offset, string message)
    {
        Error = new(offset, message);
        return false;
    }

    private static bool TryReadByteOrder(ReadOnlySpan<byte> magic, out ByteOrder byteOrder)
    {
        byteOrder = ByteOrder.Little.UInt32(magic) == ByteOrderMagic ? ByteOrder.Little : ByteOrder.Big;
        return byteOrder.UInt32(magic) == ByteOrderMagic;
    }

    private string? StartSection(ReadOnlySpan<byte> body)
    {
        const int fixedLength = 16;
        if (body.Length < fixedLength)
        {
            return $"section header block of {body.Length + MinBlockLength} bytes, shorter than its {fixedLength + MinBlockLength}-byte minimum,";
        }

        var majorVersion = order.UInt16(body[4..]);
        if (majorVersion != 1)
        {
            return $"unsupported pcapng version {majorVersion}.{order.UInt16(body[6..])} in the section header block";
        }

        sectionFirstInterface = interfaces.Count;
        return null;
    }

    private string? DescribeInterface(ReadOnlySpan<byte> body)
    {
        const int fixedLength = 8;
        if (body.Length < fixedLength)
        {
            return $"interface description block of {body.Length + MinBlockLength} bytes, shorter than its {fixedLength + MinBlockLength}-byte minimum,";
        }

        interfaces.Add(PcapNgInterface.Parse(body, order));
        return null;
    }

    /// <summary>Decodes a packet block; returns a problem that stops reading, or null with the frame (none if the interface is unknown).</summary>
    /// <param name="bodyOffset">File offset of the block body, for the offsets of payload bytes.</param>
    private string? ReadPacket(uint type, ReadOnlyMemory<byte> body, long bodyOffset, out LinkFrame? frame)
    {
        frame = null;
        var span = body.Span;
        var (name, headerLength) = type switch
        {
            EnhancedPacketType => ("enhanced packet block", 20),
            ObsoletePacketType => ("obsolete packet block", 20),
            _ => ("simple packet block", 4),
        };
        if (span.Length < headerLength)
        {
            return $"{name} of {span.Length + MinBlockLength} bytes, shorter than its {headerLength + MinBlockLength}-byte minimum,";
        }

        long interfaceId;
        ulong? units = null;
        long capturedLength;
        long originalLength;
        if (type == SimplePacketType)
        {
            interfaceId = 0;
            originalLength = order.UInt32(span);
            capturedLength = Math.Min(originalLength, span.Length - headerLength);
        }
        else
        {
            interfaceId = type == EnhancedPacketType ? order.UInt32(span) : order.UInt16(span);
            units = ((ulong)order.UInt32(span[4..]) << 32) | order.UInt32(span[8..]);
            capturedLength = order.UInt32(span[12..]);
            originalLength = order.UInt32(span[16..]);
            if (capturedLength > span.Length - headerLength)
            {
                return $"{name} whose captured length of {capturedLength} bytes exceeds the {span.Length - headerLength} bytes the block holds,";
            }
        }

        statistics.Packets++;
        if (interfaceId >= interfaces.Count - sectionFirstInterface)
        {
            statistics.PacketBytes += capturedLength;
            statistics.RecordSkipped(PacketSkipReason.UnknownInterface);
            return null;
        }

        var globalId = sectionFirstInterface + (int)interfaceId;
        var description = interfaces[globalId];
        if (type == SimplePacketType && description.SnapLength != 0)
        {
            // A simple packet block has no captured length: the interface's snapshot length bounds it.
            capturedLength = Math.Min(capturedLength, description.SnapLength);
        }

        statistics.PacketBytes += capturedLength;

        var timestamp = units is { } count ? description.Resolution.ToNanoseconds(count, description.OffsetSeconds) : (long?)null;
        var data = body.Slice(headerLength, (int)capturedLength);
        frame = new LinkFrame(statistics.Packets, globalId, description.LinkType, timestamp, data, originalLength, bodyOffset + headerLength);
        return null;
    }
}
