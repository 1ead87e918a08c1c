using System.Buffers.Binary;

namespace Pdc.Capture.Tests.Support;

/// <summary>Link-layer headers the framer does not write (Linux cooked, loopback), put in front of a raw IP packet.</summary>
internal static class LinkHeaders
{
    public const ushort EtherTypeIpv4 = 0x0800;
    public const ushort EtherTypeIpv6 = 0x86DD;

    /// <summary>Linux SLL: packet type, ARPHRD type, address length, 8 address bytes, protocol.</summary>
    public static byte[] Sll(byte[] ipPacket, ushort protocol)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), 1);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), 6);
        header.AsSpan(6, 6).Fill(0xAA);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(14), protocol);
        return [.. header, .. ipPacket];
    }

    /// <summary>Linux SLL2: protocol, reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes.</summary>
    public static byte[] Sll2(byte[] ipPacket, ushort protocol)
    {
        var header = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(header, protocol);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 3);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), 1);
        header[11] = 6;
        header.AsSpan(12, 6).Fill(0xAA);
        return [.. header, .. ipPacket];
    }

    /// <summary>A 4-byte address family, as BSD loopback (in the host's order) and OpenBSD loop (big-endian) write it.</summary>
    public static byte[] Loopback(byte[] ipPacket, uint family, bool bigEndian)
    {
        var header = new byte[4];
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(header, family);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header, family);
        }

        return [.. header, .. ipPacket];
    }

    /// <summary>An Ethernet frame with the given EtherType and body (ARP, 802.3 length...).</summary>
    public static byte[] Ethernet(ushort etherType, byte[] body)
    {
        var header = new byte[14];
        header.AsSpan(0, 12).Fill(0x02);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(12), etherType);
        return [.. header, .. body];
    }
}
