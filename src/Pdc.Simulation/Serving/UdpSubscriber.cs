using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Simulation.Serving;

/// <summary>
/// The UDP side of a stream: data frames sent spontaneously to a destination, and commands accepted from anyone
/// on the same socket (replies go back to the sender; "turn off" and "turn on" stop and restart the data).
/// </summary>
internal sealed class UdpSubscriber(Socket socket, IPEndPoint destination, StreamServer server, int queueCapacity, SimulatorStatistics statistics)
    : StreamSubscriber($"udp to {destination}", queueCapacity, statistics, started: true)
{
    private const int MaxDatagram = 65_536;

    public IPEndPoint LocalEndPoint => (IPEndPoint)socket.LocalEndPoint!;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var sending = SendLoopAsync(cancellationToken);
        var receiving = ReceiveLoopAsync(cancellationToken);
        try
        {
            await Task.WhenAll(sending, receiving).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped with the simulator.
        }
    }

    protected override async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendToAsync(frame, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // Nobody listening there (an ICMP refusal), or a transient error: UDP carries on with the next frame.
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxDatagram];
        var reader = new CommandReader();
        var commands = new List<CommandFrame>();
        var anyone = new IPEndPoint(socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, anyone, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused)
            {
                // An ICMP refusal of an earlier send surfaces here on some systems; it says nothing about commands.
                continue;
            }

            var datagram = new System.Buffers.ReadOnlySequence<byte>(buffer, 0, received.ReceivedBytes);
            commands.Clear();
            reader.Read(ref datagram, commands);
            foreach (var command in commands)
            {
                foreach (var reply in server.Handle(command, this))
                {
                    await ReplyAsync(reply, received.RemoteEndPoint, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async ValueTask ReplyAsync(byte[] reply, EndPoint sender, CancellationToken cancellationToken)
    {
        try
        {
            await socket.SendToAsync(reply, SocketFlags.None, sender, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // The sender went away, or the reply is too big for a datagram: the next command gets its own chance.
        }
    }
}
