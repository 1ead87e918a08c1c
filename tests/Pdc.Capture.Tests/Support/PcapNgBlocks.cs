using System.Buffers.Binary;

namespace Pdc.Capture.Tests.Support;

/// <summary>
/// Hand-built pcapng, byte by byte from the specification, for the structures the project's writer
/// never emits (simple and obsolete packet blocks, odd resolutions, several sections) and as a check
/// of the reader that does not share the writer's code.
/// </summary>
internal sealed class PcapNgBlocks
{
    public const uint SimplePacketType = 3;
    public const uint ObsoletePacketType = 2;
    public const uint EnhancedPacketType = 6;
    public const uint NameResolutionType = 4;
    public const uint InterfaceStatisticsType = 5;
    public const uint CustomType = 0x00000BAD;

    private readonly List<byte> bytes = [];
    private bool bigEndian;

    public PcapNgBlocks(bool bigEndian = false) => Section(bigEndian);

    public int Length => bytes.Count;

    /// <summary>Starts a section (a section header block) in the given byte order.</summary>
    public PcapNgBlocks Section(bool inBigEndian, ushort majorVersion = 1)
    {
        bigEndian = inBigEndian;
        return Block(0x0A0D0D0A, [.. U32(0x1A2B3C4D), .. U16(majorVersion), .. U16(0), .. Enumerable.Repeat((byte)0xFF, 8)]);
    }

    public PcapNgBlocks Interface(LinkType linkType, uint snapLength = 0, byte? timestampResolution = null, long? timestampOffsetSeconds = null)
    {
        var body = new List<byte>([.. U16((ushort)linkType), .. U16(0), .. U32(snapLength)]);
        if (timestampResolution is { } resolution)
        {
            body.AddRange([.. U16(9), .. U16(1), resolution, 0, 0, 0]);
        }

        if (timestampOffsetSeconds is { } offset)
        {
            var value = new byte[8];
            if (bigEndian)
            {
                BinaryPrimitives.WriteInt64BigEndian(value, offset);
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(value, offset);
            }

            body.AddRange([.. U16(14), .. U16(8), .. value]);
        }

        body.AddRange([.. U16(0), .. U16(0)]);
        return Block(1, [.. body]);
    }

    public PcapNgBlocks Enhanced(uint interfaceId, ulong units, byte[] packet, uint? capturedLength = null) =>
        Block(EnhancedPacketType, [.. U32(interfaceId), .. U32((uint)(units >> 32)), .. U32((uint)units), .. U32(capturedLength ?? (uint)packet.Length), .. U32((uint)packet.Length), .. Padded(packet)]);

    public PcapNgBlocks Obsolete(ushort interfaceId, ulong units, byte[] packet) =>
        Block(ObsoletePacketType, [.. U16(interfaceId), .. U16(0), .. U32((uint)(units >> 32)), .. U32((uint)units), .. U32((uint)packet.Length), .. U32((uint)packet.Length), .. Padded(packet)]);

    public PcapNgBlocks Simple(byte[] packet, uint? originalLength = null) =>
        Block(SimplePacketType, [.. U32(originalLength ?? (uint)packet.Length), .. Padded(packet)]);

    /// <summary>Any block: type, total length, the body as given, total length again.</summary>
    public PcapNgBlocks Block(uint type, byte[] body, uint? declaredLength = null, uint? trailingLength = null)
    {
        var length = (uint)(body.Length + 12);
        bytes.AddRange([.. U32(type), .. U32(declaredLength ?? length), .. body, .. U32(trailingLength ?? length)]);
        return this;
    }

    public byte[] ToArray() => [.. bytes];

    private static byte[] Padded(byte[] data) => [.. data, .. new byte[(4 - (data.Length % 4)) % 4]];

    private byte[] U16(ushort value)
    {
        var result = new byte[2];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(result, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(result, value);
        }

        return result;
    }

    private byte[] U32(uint value)
    {
        var result = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(result, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(result, value);
        }

        return result;
    }
}
