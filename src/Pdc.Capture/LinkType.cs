namespace Pdc.Capture;

/// <summary>The LINKTYPE_ values (tcpdump.org link-layer header types) the reader understands.</summary>
public enum LinkType
{
    /// <summary>BSD loopback: a 4-byte address family in the capturing host's byte order.</summary>
    Null = 0,

    Ethernet = 1,

    /// <summary>Raw IP under the DLT_RAW value most BSDs use.</summary>
    RawBsd = 12,

    /// <summary>Raw IP under the DLT_RAW value OpenBSD uses.</summary>
    RawOpenBsd = 14,

    /// <summary>Raw IPv4 or IPv6, told apart by the version nibble.</summary>
    Raw = 101,

    /// <summary>OpenBSD loopback: a 4-byte address family in network byte order.</summary>
    Loop = 108,

    /// <summary>Linux "cooked" capture (SLL), 16-byte header.</summary>
    LinuxSll = 113,

    Ipv4 = 228,

    Ipv6 = 229,

    /// <summary>Linux "cooked" capture v2 (SLL2), 20-byte header.</summary>
    LinuxSll2 = 276,
}
