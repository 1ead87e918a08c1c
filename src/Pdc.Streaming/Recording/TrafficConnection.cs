using System.Net;
using System.Net.Sockets;

namespace Pdc.Streaming.Recording;

/// <summary>
/// One conversation on a socket, as a recorder sees it: made once when a TCP connection opens (or a UDP peer is
/// first heard from) and passed with every call for it, so that a recorder can key its state (TCP sequence
/// numbers) by the instance.
/// </summary>
public sealed class TrafficConnection(string interfaceName, ProtocolType protocol, IPEndPoint local, IPEndPoint remote)
{
    /// <summary>What it belongs to, named for people: "input PMU A: tcp 10.0.0.5:4712 (primary)".</summary>
    public string Interface { get; } = interfaceName;

    /// <summary><see cref="ProtocolType.Tcp"/> or <see cref="ProtocolType.Udp"/>.</summary>
    public ProtocolType Protocol { get; } = protocol;

    /// <summary>Pdc's end.</summary>
    public IPEndPoint Local { get; } = local;

    /// <summary>The device's or subscriber's end.</summary>
    public IPEndPoint Remote { get; } = remote;

    /// <summary>The connection of a connected socket; null when either end is not an IP endpoint.</summary>
    /// <remarks>A dual-mode socket's IPv4 peer is named by its IPv4 address, as a capture on the wire would show it.</remarks>
    public static TrafficConnection? Of(Socket socket, string interfaceName)
    {
        ArgumentNullException.ThrowIfNull(socket);
        if (socket.LocalEndPoint is not IPEndPoint local || socket.RemoteEndPoint is not IPEndPoint remote)
        {
            return null;
        }

        if (local.Address.IsIPv4MappedToIPv6 && remote.Address.IsIPv4MappedToIPv6)
        {
            (local, remote) = (new IPEndPoint(local.Address.MapToIPv4(), local.Port), new IPEndPoint(remote.Address.MapToIPv4(), remote.Port));
        }

        return new TrafficConnection(interfaceName, socket.ProtocolType, local, remote);
    }
}
