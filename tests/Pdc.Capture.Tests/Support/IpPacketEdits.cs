using System.Buffers.Binary;

namespace Pdc.Capture.Tests.Support;

/// <summary>Changes to framer-built IP packets that real traffic has and the framer never writes.</summary>
internal static class IpPacketEdits
{
    public const byte HopByHop = 0;
    public const byte Routing = 43;
    public const byte Fragment = 44;
    public const byte DestinationOptions = 60;

    /// <summary>Inserts NOP options after the fixed IPv4 header (a multiple of 4 bytes).</summary>
    public static byte[] WithIpv4Options(byte[] packet, int optionLength)
    {
        var options = Enumerable.Repeat((byte)1, optionLength).ToArray();
        byte[] edited = [.. packet[..20], .. options, .. packet[20..]];
        edited[0] = (byte)(0x40 | ((20 + optionLength) / 4));
        BinaryPrimitives.WriteUInt16BigEndian(edited.AsSpan(2), (ushort)edited.Length);
        return edited;
    }

    /// <summary>Sets the IPv4 fragment offset (in 8-byte units) and the more-fragments flag.</summary>
    public static byte[] AsIpv4Fragment(byte[] packet, int offsetUnits, bool moreFragments)
    {
        var edited = packet.ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(edited.AsSpan(6), (ushort)((moreFragments ? 0x2000 : 0) | offsetUnits));
        return edited;
    }

    /// <summary>Inserts IPv6 extension headers, in order, between the fixed header and the transport.</summary>
    /// <param name="fragmentOffsetUnits">For a fragment header: its offset in 8-byte units.</param>
    public static byte[] WithIpv6Extensions(byte[] packet, byte[] types, int fragmentOffsetUnits = 0, bool moreFragments = false)
    {
        var transportProtocol = packet[6];
        var extensions = new List<byte>();
        for (var i = 0; i < types.Length; i++)
        {
            var next = i + 1 < types.Length ? types[i + 1] : transportProtocol;
            extensions.AddRange(types[i] switch
            {
                // A fragment header has a fixed 8 bytes: offset and M flag, then an identification.
                Fragment => [next, 0, (byte)(fragmentOffsetUnits >> 5), (byte)(((fragmentOffsetUnits & 0x1F) << 3) | (moreFragments ? 1 : 0)), 0, 0, 0, 7],

                // Destination options use a length of 1 (16 bytes) to exercise the length field: a PadN option fills them.
                DestinationOptions => [next, 1, 1, 12, .. new byte[12]],
                Routing => [next, 0, 0, 0, 0, 0, 0, 0],
                _ => [next, 0, 1, 4, 0, 0, 0, 0],
            });
        }

        byte[] edited = [.. packet[..40], .. extensions, .. packet[40..]];
        edited[6] = types[0];
        BinaryPrimitives.WriteUInt16BigEndian(edited.AsSpan(4), (ushort)(edited.Length - 40));
        return edited;
    }
}
