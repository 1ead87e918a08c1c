namespace Pdc.Capture;

/// <summary>Finds where the IP packet starts inside a link-layer frame.</summary>
internal static class NetworkLayerStart
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;

    // Pre-standard QinQ outer tag, still emitted by some switches.
    private const ushort EtherTypeQinQLegacy = 0x9100;

    private const int EthernetHeaderLength = 14;
    private const int VlanTagLength = 4;
    private const int SllHeaderLength = 16;
    private const int Sll2HeaderLength = 20;
    private const int LoopbackHeaderLength = 4;

    // Address families loopback headers use for IPv6 differ by OS: Linux, NetBSD/OpenBSD, FreeBSD, macOS.
    private const uint FamilyInet = 2;
    private static readonly uint[] FamiliesInet6 = [10, 24, 28, 30];

    /// <summary>The offset of the IP header in the frame, or why there is none.</summary>
    public static bool TryFind(LinkType linkType, ReadOnlySpan<byte> frame, out int offset, out PacketSkipReason reason)
    {
        offset = 0;
        reason = PacketSkipReason.Malformed;
        switch (linkType)
        {
            case LinkType.Ethernet:
                return frame.Length >= EthernetHeaderLength
                    && TryFollowEtherType(frame, EthernetHeaderLength - 2, out offset, out reason);
            case LinkType.LinuxSll:
                return frame.Length >= SllHeaderLength
                    && TryFollowEtherType(frame, SllHeaderLength - 2, out offset, out reason);
            case LinkType.LinuxSll2:
                return frame.Length >= Sll2HeaderLength
                    && TryFollowEtherType(frame, 0, out offset, out reason, Sll2HeaderLength);
            case LinkType.Raw or LinkType.RawBsd or LinkType.RawOpenBsd or LinkType.Ipv4 or LinkType.Ipv6:
                return true;
            case LinkType.Null:
                // The capturing host's byte order is unknown: a family that only makes sense swapped is swapped.
                if (frame.Length < LoopbackHeaderLength)
                {
                    return false;
                }

                var family = ByteOrder.Little.UInt32(frame);
                return TryFamily(family > 0xFFFF ? ByteOrder.Big.UInt32(frame) : family, out offset, out reason);
            case LinkType.Loop:
                return frame.Length >= LoopbackHeaderLength && TryFamily(ByteOrder.Big.UInt32(frame), out offset, out reason);
            default:
                reason = PacketSkipReason.UnsupportedLinkType;
                return false;
        }
    }

    /// <summary>Follows an EtherType at <paramref name="typeOffset"/> through any VLAN tags to IPv4 or IPv6.</summary>
    private static bool TryFollowEtherType(ReadOnlySpan<byte> frame, int typeOffset, out int offset, out PacketSkipReason reason, int? payloadOffset = null)
    {
        offset = payloadOffset ?? typeOffset + 2;
        var etherType = ByteOrder.Big.UInt16(frame[typeOffset..]);
        while (etherType is EtherTypeVlan or EtherTypeQinQ or EtherTypeQinQLegacy)
        {
            // A tag is 2 bytes of TCI then the next EtherType.
            if (frame.Length < offset + VlanTagLength)
            {
                reason = PacketSkipReason.Malformed;
                return false;
            }

            etherType = ByteOrder.Big.UInt16(frame[(offset + 2)..]);
            offset += VlanTagLength;
        }

        // Anything else, 802.3 length values (LLC frames) included, is not IP.
        reason = PacketSkipReason.NotIp;
        return etherType is EtherTypeIpv4 or EtherTypeIpv6;
    }

    private static bool TryFamily(uint family, out int offset, out PacketSkipReason reason)
    {
        offset = LoopbackHeaderLength;
        reason = PacketSkipReason.NotIp;
        return family == FamilyInet || FamiliesInet6.Contains(family);
    }
}
