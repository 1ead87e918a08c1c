using System.Net;
using System.Net.Sockets;

namespace Pdc.Capture;

/// <summary>
/// One direction of a conversation: TCP reassembles each direction as its own flow. Raw byte-stream
/// files have a single flow, <see cref="Raw"/>, without addresses or ports.
/// </summary>
public readonly record struct FlowKey(
    TransportProtocol Transport,
    IPAddress? SourceAddress,
    ushort SourcePort,
    IPAddress? DestinationAddress,
    ushort DestinationPort)
{
    public static FlowKey Raw { get; } = new(TransportProtocol.Raw, null, 0, null, 0);

    /// <summary>The other direction of the same conversation.</summary>
    public FlowKey Reversed() => new(Transport, DestinationAddress, DestinationPort, SourceAddress, SourcePort);

    /// <summary>"tcp 192.168.0.10:4712 -> 192.168.0.60:34000", IPv6 addresses in brackets; "raw" for a byte-stream file.</summary>
    public override string ToString() => Transport == TransportProtocol.Raw
        ? "raw"
        : $"{(Transport == TransportProtocol.Tcp ? "tcp" : "udp")} {Endpoint(SourceAddress, SourcePort)} -> {Endpoint(DestinationAddress, DestinationPort)}";

    private static string Endpoint(IPAddress? address, ushort port) => address?.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{address}]:{port}"
        : $"{address}:{port}";
}
