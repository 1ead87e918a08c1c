namespace Pdc.Capture;

/// <summary>Why a packet gave no payload.</summary>
public enum PacketSkipReason
{
    /// <summary>The interface's link type is not one the reader decodes.</summary>
    UnsupportedLinkType,

    /// <summary>The link layer carries something other than IPv4 or IPv6 (ARP, LLDP, 802.3 LLC...).</summary>
    NotIp,

    /// <summary>An IP packet whose transport is neither TCP nor UDP (ICMP, ESP...).</summary>
    NotTcpOrUdp,

    /// <summary>A later fragment of a fragmented IP packet; fragments are not reassembled.</summary>
    NonFirstFragment,

    /// <summary>A UDP datagram that is not all there: a first fragment, or cut by the snapshot length.</summary>
    IncompleteDatagram,

    /// <summary>A header is shorter than its minimum or its length fields contradict the packet.</summary>
    Malformed,

    /// <summary>A pcapng packet names an interface that no description block defined.</summary>
    UnknownInterface,
}
