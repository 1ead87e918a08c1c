using System.Net;
using System.Net.Sockets;
using Pdc.Streaming.Recording;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Publishing;

/// <summary>Opens the socket of a UDP destination, unicast or multicast, connected so that each send is one datagram to it.</summary>
internal static class UdpDestination
{
    public static Subscriber Open(IPEndPoint destination, OutputStreamOptions options, IClock clock, ITrafficRecorder? recorder = null)
    {
        var socket = new Socket(destination.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            var multicast = IsMulticast(destination.Address);
            if (multicast && destination.AddressFamily == AddressFamily.InterNetwork)
            {
                socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, options.MulticastTimeToLive);
                if (options.MulticastInterface is { } local)
                {
                    socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Parse(local).GetAddressBytes());
                }
            }
            else if (multicast)
            {
                socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastTimeToLive, options.MulticastTimeToLive);
            }

            if (options.SocketSendBufferBytes is { } bytes)
            {
                socket.SendBufferSize = bytes;
            }

            socket.Connect(destination);
            socket.Blocking = false;
            var transport = multicast ? SubscriberTransport.UdpMulticast : SubscriberTransport.Udp;
            return new Subscriber(socket, transport, destination.ToString(), options.SubscriberQueueFrames, clock)
            {
                IsSending = !options.UdpWaitsForTurnOn,
                Recorder = recorder,
                Traffic = recorder is null ? null : TrafficConnection.Of(socket, $"output {options.Name}"),
            };
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static bool IsMulticast(IPAddress address) =>
        address.IsIPv6Multicast || (address.AddressFamily == AddressFamily.InterNetwork && (address.GetAddressBytes()[0] & 0xF0) == 0xE0);
}
