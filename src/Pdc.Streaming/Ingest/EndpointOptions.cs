using System.Net;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// One path to a device. A device lists one or more; the first is the primary. Bindable from configuration:
/// addresses are text so that a settings file can hold host names.
/// </summary>
public sealed class EndpointOptions
{
    public ConnectionMode Mode { get; set; } = ConnectionMode.TcpClient;

    /// <summary>The PMU's or PDC's host (TCP client, the TCP command channel, UDP commands); for a listener, an optional address that identifies the peer before it sends a frame.</summary>
    public string? RemoteHost { get; set; }

    public int RemotePort { get; set; }

    /// <summary>The local address to listen or receive on; loopback when unset.</summary>
    public string? LocalAddress { get; set; }

    /// <summary>The local TCP listener port or UDP receive port (0: any free port, for tests).</summary>
    public int LocalPort { get; set; }

    /// <summary>A multicast group (IPv4 or IPv6) whose datagrams the UDP socket receives.</summary>
    public string? MulticastGroup { get; set; }

    /// <summary>The interface to join the group on: an IPv4 address, or an IPv6 interface index; the default interface when unset.</summary>
    public string? MulticastInterface { get; set; }

    /// <summary>SO_RCVBUF asked for the UDP socket: room for bursts while the read loop is busy (the OS may grant less).</summary>
    public int UdpReceiveBufferBytes { get; set; } = 1 << 20;

    internal IPAddress LocalIPAddress => LocalAddress is null ? IPAddress.Loopback : IPAddress.Parse(LocalAddress);

    /// <summary>A short description for statistics and transition reasons: "tcp 10.0.0.5:4712".</summary>
    public override string ToString() => Mode switch
    {
        ConnectionMode.TcpClient => $"tcp {RemoteHost}:{RemotePort}",
        ConnectionMode.TcpListener => $"listen {LocalAddress ?? "127.0.0.1"}:{LocalPort}",
        ConnectionMode.Udp => $"udp {MulticastGroup ?? LocalAddress ?? "127.0.0.1"}:{LocalPort}",
        _ => $"tcp {RemoteHost}:{RemotePort} + udp {MulticastGroup ?? LocalAddress ?? "127.0.0.1"}:{LocalPort}",
    };
}
