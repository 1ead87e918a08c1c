using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Pdc.Streaming.Ingest;

/// <summary>Opens the receiving UDP socket of a path: bound to its local port, and joined to its multicast group (IPv4 or IPv6) when it names one.</summary>
internal static class UdpSocket
{
    public static Socket Open(EndpointOptions endpoint)
    {
        var group = endpoint.MulticastGroup is { } text ? IPAddress.Parse(text) : null;
        var family = group?.AddressFamily ?? endpoint.LocalIPAddress.AddressFamily;
        var socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            socket.ReceiveBufferSize = endpoint.UdpReceiveBufferBytes;
            if (group is null)
            {
                socket.Bind(new IPEndPoint(endpoint.LocalIPAddress, endpoint.LocalPort));
                return socket;
            }

            // Several receivers may share a group's port. Bound to the group itself (where the OS allows it),
            // the socket receives that group's datagrams and no unicast sent to the port.
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            var any = family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any;
            socket.Bind(new IPEndPoint(OperatingSystem.IsWindows() ? any : group, endpoint.LocalPort));
            Join(socket, group, endpoint.MulticastInterface);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static void Join(Socket socket, IPAddress group, string? networkInterface)
    {
        if (group.AddressFamily == AddressFamily.InterNetwork)
        {
            var local = networkInterface is null ? IPAddress.Any : IPAddress.Parse(networkInterface);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, local));
            return;
        }

        var index = networkInterface is null ? 0 : long.Parse(networkInterface, CultureInfo.InvariantCulture);
        socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.AddMembership, new IPv6MulticastOption(group, index));
    }
}
