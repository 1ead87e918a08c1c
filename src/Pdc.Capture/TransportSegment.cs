namespace Pdc.Capture;

/// <summary>A TCP segment or UDP datagram found in a link-layer frame.</summary>
/// <param name="Flow">Source to destination, as the packet travelled.</param>
/// <param name="PayloadOffset">Offset of the transport payload in the frame.</param>
/// <param name="CapturedLength">Payload bytes present in the frame.</param>
/// <param name="DeclaredLength">Payload bytes the packet had on the wire; more than captured when the snapshot length cut it.</param>
internal readonly record struct TransportSegment(
    WireFlow Flow,
    int PayloadOffset,
    int CapturedLength,
    int DeclaredLength,
    uint SequenceNumber,
    TcpFlags Flags)
{
    private const int UdpHeaderLength = 8;
    private const int TcpMinHeaderLength = 20;

    /// <summary>Decodes link, IP and transport headers down to the payload, or says why the frame has none.</summary>
    public static bool TryDecode(LinkType linkType, ReadOnlySpan<byte> frame, out TransportSegment segment, out PacketSkipReason reason)
    {
        segment = default;
        if (!NetworkLayerStart.TryFind(linkType, frame, out var ipOffset, out reason)
            || !IpPacket.TryDecode(frame[ipOffset..], out var ip, out reason))
        {
            return false;
        }

        var transportOffset = ipOffset + ip.PayloadOffset;
        var transport = frame.Slice(transportOffset, ip.CapturedPayloadLength);
        reason = PacketSkipReason.Malformed;
        switch (ip.Protocol)
        {
            case IpPacket.ProtocolUdp:
                if (transport.Length < UdpHeaderLength)
                {
                    return false;
                }

                var udpLength = ByteOrder.Big.UInt16(transport[4..]);
                if (udpLength < UdpHeaderLength || udpLength > ip.DeclaredPayloadLength)
                {
                    return false;
                }

                if (ip.IsFragment || udpLength > transport.Length)
                {
                    reason = PacketSkipReason.IncompleteDatagram;
                    return false;
                }

                var udpFlow = new WireFlow(TransportProtocol.Udp, ip.IsIpv6, ip.Source, ByteOrder.Big.UInt16(transport), ip.Destination, ByteOrder.Big.UInt16(transport[2..]));
                segment = new(udpFlow, transportOffset + UdpHeaderLength, udpLength - UdpHeaderLength, udpLength - UdpHeaderLength, 0, TcpFlags.None);
                return true;
            case IpPacket.ProtocolTcp:
                if (transport.Length < TcpMinHeaderLength)
                {
                    return false;
                }

                var headerLength = (transport[12] >> 4) * 4;
                if (headerLength < TcpMinHeaderLength || headerLength > transport.Length)
                {
                    return false;
                }

                var tcpFlow = new WireFlow(TransportProtocol.Tcp, ip.IsIpv6, ip.Source, ByteOrder.Big.UInt16(transport), ip.Destination, ByteOrder.Big.UInt16(transport[2..]));
                segment = new(
                    tcpFlow,
                    transportOffset + headerLength,
                    transport.Length - headerLength,
                    ip.DeclaredPayloadLength - headerLength,
                    ByteOrder.Big.UInt32(transport[4..]),
                    (TcpFlags)(transport[13] & 0x3F));
                return true;
            default:
                reason = PacketSkipReason.NotTcpOrUdp;
                return false;
        }
    }
}
