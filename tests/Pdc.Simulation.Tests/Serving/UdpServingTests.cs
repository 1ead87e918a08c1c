using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;
using Pdc.Simulation.Serving;
using Pdc.Simulation.Tests.Support;

namespace Pdc.Simulation.Tests.Serving;

public sealed class UdpServingTests
{
    [Fact]
    public async Task Udp_SendsDataUnasked_AndAnswersCommandsSentToItsSocket()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var options = Loopback.Options() with { UdpDestination = (IPEndPoint)receiver.LocalEndPoint! };
        await using var simulator = await PmuSimulator.StartAsync(options);
        var stream = simulator.Streams[0];
        Assert.NotNull(stream.UdpLocalEndPoint);

        var first = await ReceiveAsync(receiver);
        Assert.Equal(FrameType.Data, FrameHeader.Read(first).Type);
        Assert.Equal(stream.IdCode, FrameHeader.Read(first).IdCode);

        // UDP may lose a datagram, so a client asks again, as real PDCs do: up to three times.
        var collector = new FrameCollector();
        var frames = new List<ReceivedFrame>();
        for (var attempt = 0; attempt < 3 && !frames.Exists(f => f.Type == FrameType.Config2); attempt++)
        {
            await SendCommandAsync(receiver, stream, CommandCode.SendConfig2);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            while (!wait.IsCancellationRequested && !frames.Exists(f => f.Type == FrameType.Config2)
                && await TryReceiveAsync(receiver, TimeSpan.FromMilliseconds(500)) is { } datagram)
            {
                frames.AddRange(collector.Add(datagram));
            }
        }

        var config = Assert.Single(frames, f => f.Type == FrameType.Config2);
        Assert.Equal(stream.IdCode, config.Config!.IdCode);

        await SendCommandAsync(receiver, stream, CommandCode.TurnOffTransmission);
        while (await TryReceiveAsync(receiver, TimeSpan.FromMilliseconds(300)) is not null)
        {
            // Data already on its way when the turn-off arrived.
        }

        // Turned off: no data after the config reply's turn-off settled.
        Assert.Null(await TryReceiveAsync(receiver, TimeSpan.FromMilliseconds(200)));
        await SendCommandAsync(receiver, stream, CommandCode.TurnOnTransmission);
        Assert.Equal(FrameType.Data, FrameHeader.Read(await ReceiveAsync(receiver)).Type);
    }

    private static async Task SendCommandAsync(Socket socket, ServedStream stream, CommandCode command)
    {
        var writer = new ArrayBufferWriter<byte>();
        new CommandFrame(ProtocolVersion.Ieee2011, stream.IdCode, default, command).Write(writer);
        await socket.SendToAsync(writer.WrittenMemory, SocketFlags.None, stream.UdpLocalEndPoint!);
    }

    private static async Task<byte[]> ReceiveAsync(Socket socket) =>
        await TryReceiveAsync(socket, TimeSpan.FromSeconds(5)) ?? throw new TimeoutException("No datagram arrived.");

    private static async Task<byte[]?> TryReceiveAsync(Socket socket, TimeSpan timeout)
    {
        var buffer = new byte[65_536];
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var count = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            return buffer[..count];
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
