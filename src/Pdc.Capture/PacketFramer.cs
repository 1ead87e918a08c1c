using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Pdc.Capture;

/// <summary>
/// Wraps a payload in Ethernet (optionally VLAN-tagged) or raw IP, IPv4 or IPv6, and TCP or UDP
/// headers with correct checksums, so that traffic seen at the socket can be recorded as a valid capture.
/// </summary>
public sealed class PacketFramer
{
    private const ushort EtherTypeIpv4 = 0x0800;
    private const ushort EtherTypeIpv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const ushort EtherTypeQinQ = 0x88A8;
    private const int EthernetHeaderLength = 14;
    private const int VlanTagLength = 4;
    private const int Ipv4HeaderLength = 20;
    private const int Ipv6HeaderLength = 40;
    private const int UdpHeaderLength = 8;
    private const int TcpHeaderLength = 20;
    private const byte HopLimit = 64;
    private const ushort TcpWindow = 65535;
    private const ushort MaxVlanId = 4095;

    private readonly IReadOnlyList<ushort> vlanIds = [];

    /// <param name="linkType">Ethernet, or raw IP as <see cref="LinkType.Raw"/>, <see cref="LinkType.Ipv4"/> or <see cref="LinkType.Ipv6"/>.</param>
    public PacketFramer(LinkType linkType = LinkType.Ethernet)
    {
        if (linkType is not (LinkType.Ethernet or LinkType.Raw or LinkType.Ipv4 or LinkType.Ipv6))
        {
            throw new ArgumentOutOfRangeException(nameof(linkType), linkType, "frames can be built for Ethernet and raw IP only");
        }

        LinkType = linkType;
    }

    public LinkType LinkType { get; }

    public PhysicalAddress SourceHardwareAddress { get; init; } = new([0x02, 0, 0, 0, 0, 0x01]);

    public PhysicalAddress DestinationHardwareAddress { get; init; } = new([0x02, 0, 0, 0, 0, 0x02]);

    /// <summary>VLAN ids to tag Ethernet frames with, outermost first; when stacked, the outermost is an 802.1ad (QinQ) service tag, the others 802.1Q tags.</summary>
    public IReadOnlyList<ushort> VlanIds
    {
        get => vlanIds;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Any(id => id > MaxVlanId))
            {
                throw new ArgumentOutOfRangeException(nameof(value), "VLAN ids go from 0 to 4095");
            }

            vlanIds = [.. value];
        }
    }

    public byte[] FrameUdp(IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload)
    {
        var frame = Frame(source, destination, IpPacket.ProtocolUdp, UdpHeaderLength, payload, out var transport);
        BinaryPrimitives.WriteUInt16BigEndian(transport[4..], (ushort)(UdpHeaderLength + payload.Length));
        var checksum = TransportChecksum(source.Address, destination.Address, IpPacket.ProtocolUdp, transport);

        // Zero means "no checksum" in UDP, so a computed zero is sent as all ones.
        BinaryPrimitives.WriteUInt16BigEndian(transport[6..], checksum == 0 ? (ushort)0xFFFF : checksum);
        return frame;
    }

    public byte[] FrameTcp(IPEndPoint source, IPEndPoint destination, uint sequenceNumber, uint acknowledgmentNumber, TcpFlags flags, ReadOnlySpan<byte> payload)
    {
        var frame = Frame(source, destination, IpPacket.ProtocolTcp, TcpHeaderLength, payload, out var transport);
        BinaryPrimitives.WriteUInt32BigEndian(transport[4..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(transport[8..], acknowledgmentNumber);
        transport[12] = (TcpHeaderLength / 4) << 4;
        transport[13] = (byte)flags;
        BinaryPrimitives.WriteUInt16BigEndian(transport[14..], TcpWindow);
        BinaryPrimitives.WriteUInt16BigEndian(transport[16..], TransportChecksum(source.Address, destination.Address, IpPacket.ProtocolTcp, transport));
        return frame;
    }

    private static ushort TransportChecksum(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> segment)
    {
        // The pseudo-header: both addresses, the protocol and the transport length (RFC 768, 793, 8200).
        var checksum = default(InternetChecksum);
        checksum.Add(source.GetAddressBytes());
        checksum.Add(destination.GetAddressBytes());
        checksum.Add(protocol);
        checksum.Add((ushort)segment.Length);
        checksum.Add(segment);
        return checksum.Result;
    }

    /// <summary>Builds link and IP headers, the transport ports and the payload; the caller fills in the rest of the transport header.</summary>
    private byte[] Frame(IPEndPoint source, IPEndPoint destination, byte protocol, int transportHeaderLength, ReadOnlySpan<byte> payload, out Span<byte> transport)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        if (source.AddressFamily != destination.AddressFamily || source.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
        {
            throw new ArgumentException("source and destination must both be IPv4 or both IPv6", nameof(destination));
        }

        var isIpv6 = source.AddressFamily == AddressFamily.InterNetworkV6;
        if ((LinkType == LinkType.Ipv4 && isIpv6) || (LinkType == LinkType.Ipv6 && !isIpv6))
        {
            throw new ArgumentException($"a {LinkType} link carries only {(isIpv6 ? "IPv4" : "IPv6")}", nameof(source));
        }

        var ipHeaderLength = isIpv6 ? Ipv6HeaderLength : Ipv4HeaderLength;
        var transportLength = transportHeaderLength + payload.Length;
        if ((isIpv6 ? transportLength : ipHeaderLength + transportLength) > ushort.MaxValue)
        {
            throw new ArgumentException($"a {payload.Length}-byte payload does not fit in one IP packet", nameof(payload));
        }

        var linkLength = LinkType == LinkType.Ethernet ? EthernetHeaderLength + (VlanTagLength * vlanIds.Count) : 0;
        var frame = new byte[linkLength + ipHeaderLength + transportLength];
        if (LinkType == LinkType.Ethernet)
        {
            WriteEthernetHeader(frame, isIpv6 ? EtherTypeIpv6 : EtherTypeIpv4);
        }

        var ip = frame.AsSpan(linkLength, ipHeaderLength);
        if (isIpv6)
        {
            WriteIpv6Header(ip, source.Address, destination.Address, protocol, transportLength);
        }
        else
        {
            WriteIpv4Header(ip, source.Address, destination.Address, protocol, transportLength);
        }

        transport = frame.AsSpan(linkLength + ipHeaderLength);
        BinaryPrimitives.WriteUInt16BigEndian(transport, (ushort)source.Port);
        BinaryPrimitives.WriteUInt16BigEndian(transport[2..], (ushort)destination.Port);
        payload.CopyTo(transport[transportHeaderLength..]);
        return frame;
    }

    private void WriteEthernetHeader(Span<byte> frame, ushort etherType)
    {
        DestinationHardwareAddress.GetAddressBytes().CopyTo(frame);
        SourceHardwareAddress.GetAddressBytes().CopyTo(frame[6..]);
        var offset = 12;
        for (var i = 0; i < vlanIds.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(frame[offset..], i == 0 && vlanIds.Count > 1 ? EtherTypeQinQ : EtherTypeVlan);
            BinaryPrimitives.WriteUInt16BigEndian(frame[(offset + 2)..], vlanIds[i]);
            offset += VlanTagLength;
        }

        BinaryPrimitives.WriteUInt16BigEndian(frame[offset..], etherType);
    }

    private static void WriteIpv4Header(Span<byte> header, IPAddress source, IPAddress destination, byte protocol, int transportLength)
    {
        const ushort dontFragment = 0x4000;
        header[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(header[2..], (ushort)(Ipv4HeaderLength + transportLength));
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], dontFragment);
        header[8] = HopLimit;
        header[9] = protocol;
        source.GetAddressBytes().CopyTo(header[12..]);
        destination.GetAddressBytes().CopyTo(header[16..]);
        var checksum = default(InternetChecksum);
        checksum.Add(header);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], checksum.Result);
    }

    private static void WriteIpv6Header(Span<byte> header, IPAddress source, IPAddress destination, byte protocol, int transportLength)
    {
        header[0] = 0x60;
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)transportLength);
        header[6] = protocol;
        header[7] = HopLimit;
        source.GetAddressBytes().CopyTo(header[8..]);
        destination.GetAddressBytes().CopyTo(header[24..]);
    }
}
