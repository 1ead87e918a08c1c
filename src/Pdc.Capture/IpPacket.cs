using System.Buffers.Binary;

namespace Pdc.Capture;

/// <summary>What the IP layer says about the transport segment it carries.</summary>
/// <param name="Source">The source address as a number: an IPv4 address in the low 32 bits.</param>
/// <param name="PayloadOffset">Offset of the transport header from the start of the IP header.</param>
/// <param name="CapturedPayloadLength">Transport bytes present in the capture (link padding excluded).</param>
/// <param name="DeclaredPayloadLength">Transport bytes the IP header says the packet had on the wire.</param>
/// <param name="IsFragment">The packet is the first fragment of a larger one: the transport data is incomplete.</param>
internal readonly record struct IpPacket(
    bool IsIpv6,
    UInt128 Source,
    UInt128 Destination,
    byte Protocol,
    int PayloadOffset,
    int CapturedPayloadLength,
    int DeclaredPayloadLength,
    bool IsFragment)
{
    public const byte ProtocolTcp = 6;
    public const byte ProtocolUdp = 17;

    private const int Ipv4MinHeaderLength = 20;
    private const int Ipv6HeaderLength = 40;
    private const ushort Ipv4MoreFragments = 0x2000;
    private const ushort Ipv4FragmentOffsetMask = 0x1FFF;

    private const byte HopByHopOptions = 0;
    private const byte Routing = 43;
    private const byte Fragment = 44;
    private const byte AuthenticationHeader = 51;
    private const byte DestinationOptions = 60;

    /// <summary>Decodes an IPv4 or IPv6 header (the version nibble decides), walking IPv6 extension headers to the transport.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, out IpPacket ip, out PacketSkipReason reason)
    {
        ip = default;
        reason = PacketSkipReason.Malformed;
        if (packet.IsEmpty)
        {
            return false;
        }

        return (packet[0] >> 4) switch
        {
            4 => TryDecodeIpv4(packet, out ip, out reason),
            6 => TryDecodeIpv6(packet, out ip, out reason),
            _ => false,
        };
    }

    private static bool TryDecodeIpv4(ReadOnlySpan<byte> packet, out IpPacket ip, out PacketSkipReason reason)
    {
        ip = default;
        reason = PacketSkipReason.Malformed;
        var headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < Ipv4MinHeaderLength || packet.Length < headerLength)
        {
            return false;
        }

        var totalLength = ByteOrder.Big.UInt16(packet[2..]);
        if (totalLength < headerLength)
        {
            return false;
        }

        var fragment = ByteOrder.Big.UInt16(packet[6..]);
        if ((fragment & Ipv4FragmentOffsetMask) != 0)
        {
            reason = PacketSkipReason.NonFirstFragment;
            return false;
        }

        // The total length cuts off Ethernet padding; the capture may hold less than it (snapshot length).
        var captured = Math.Min(totalLength, packet.Length) - headerLength;
        ip = new IpPacket(
            false,
            BinaryPrimitives.ReadUInt32BigEndian(packet[12..]),
            BinaryPrimitives.ReadUInt32BigEndian(packet[16..]),
            packet[9],
            headerLength,
            captured,
            totalLength - headerLength,
            (fragment & Ipv4MoreFragments) != 0);
        return true;
    }

    private static bool TryDecodeIpv6(ReadOnlySpan<byte> packet, out IpPacket ip, out PacketSkipReason reason)
    {
        ip = default;
        reason = PacketSkipReason.Malformed;
        if (packet.Length < Ipv6HeaderLength)
        {
            return false;
        }

        // A zero payload length means a jumbogram, whose length is in a hop-by-hop option: take what was captured.
        var payloadLength = ByteOrder.Big.UInt16(packet[4..]);
        var end = payloadLength == 0 ? packet.Length : Ipv6HeaderLength + payloadLength;
        var nextHeader = packet[6];
        var offset = Ipv6HeaderLength;
        var isFragment = false;

        // Each extension header is at least 8 bytes, so the walk ends within the packet.
        while (nextHeader is HopByHopOptions or Routing or DestinationOptions or Fragment or AuthenticationHeader)
        {
            if (packet.Length < offset + 8 || end < offset + 8)
            {
                return false;
            }

            var extension = packet[offset..];
            int length;
            if (nextHeader == Fragment)
            {
                var fragmentField = ByteOrder.Big.UInt16(extension[2..]);
                if ((fragmentField & 0xFFF8) != 0)
                {
                    reason = PacketSkipReason.NonFirstFragment;
                    return false;
                }

                isFragment = (fragmentField & 1) != 0;
                length = 8;
            }
            else
            {
                length = nextHeader == AuthenticationHeader ? (extension[1] + 2) * 4 : (extension[1] + 1) * 8;
            }

            nextHeader = extension[0];
            offset += length;
        }

        if (end < offset || packet.Length < offset)
        {
            return false;
        }

        ip = new IpPacket(
            true,
            BinaryPrimitives.ReadUInt128BigEndian(packet[8..]),
            BinaryPrimitives.ReadUInt128BigEndian(packet[24..]),
            nextHeader,
            offset,
            Math.Min(end, packet.Length) - offset,
            end - offset,
            isFragment);
        return true;
    }
}
