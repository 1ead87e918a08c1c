using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Pdc.Capture;
using Pdc.Protocol;

namespace Pdc.Streaming.Tests.Ingest.Support;

/// <summary>
/// The device side of a real capture, served live on 127.0.0.1: a "send config" command is answered with the
/// capture's first config frame, "turn on" with every frame the device sent after it, in capture order.
/// The same frames decoded offline by <see cref="StreamDecoder"/> are what the ingest must deliver.
/// </summary>
internal sealed class CaptureReplay : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> running = [];
    private Socket? socket;

    private CaptureReplay(TransportProtocol transport, byte[] config, IReadOnlyList<byte[]> frames)
    {
        Transport = transport;
        ConfigFrame = config;
        Frames = frames;
    }

    public TransportProtocol Transport { get; }

    /// <summary>The first config frame the device sent.</summary>
    public byte[] ConfigFrame { get; }

    /// <summary>Every frame (TCP) or datagram (UDP) the device sent after its first config frame.</summary>
    public IReadOnlyList<byte[]> Frames { get; }

    /// <summary>Reads the capture and keeps the flow that carries config and data frames (the device's side).</summary>
    public static CaptureReplay Load(string path)
    {
        var flows = new Dictionary<FlowKey, List<byte[]>>();
        using (var reader = CaptureFile.Open(path))
        {
            foreach (var payload in reader.ReadPayloads())
            {
                if (!flows.TryGetValue(payload.Flow, out var chunks))
                {
                    flows[payload.Flow] = chunks = [];
                }

                chunks.Add(payload.Data.ToArray());
            }
        }

        var (flow, units) = flows
            .Select(f => (f.Key, Units: f.Key.Transport == TransportProtocol.Udp ? f.Value : SplitFrames([.. f.Value.SelectMany(c => c)])))
            .MaxBy(f => f.Units.Count(u => IsType(u, FrameType.Data)));
        var first = units.FindIndex(u => IsType(u, FrameType.Config2) || IsType(u, FrameType.Config3));
        return new CaptureReplay(flow.Transport, units[first], units.Skip(first + 1).ToList());
    }

    /// <summary>What an offline decode of the served bytes gives: each data frame's values per PMU, in order.</summary>
    public IReadOnlyList<Delivery> DecodeOffline()
    {
        var decoder = new StreamDecoder();
        var deliveries = new List<Delivery>();
        foreach (var unit in Frames.Prepend(ConfigFrame))
        {
            var buffer = new ReadOnlySequence<byte>(unit);
            while (decoder.TryReadFrame(ref buffer, out var frame) != FrameReadStatus.NeedMoreData)
            {
                if (frame.Data is not { } data)
                {
                    continue;
                }

                for (var pmu = 0; pmu < data.Config.Pmus.Count; pmu++)
                {
                    deliveries.Add(new Delivery(
                        data.Config.Pmus[pmu].IdCode,
                        data.Timestamp,
                        data.Stat[pmu],
                        data.Frequency[pmu],
                        data.Rocof[pmu],
                        data.PhasorsOf(pmu).ToArray(),
                        data.AnalogsOf(pmu).ToArray(),
                        data.DigitalsOf(pmu).ToArray(),
                        0));
                }
            }
        }

        return deliveries;
    }

    /// <summary>Serves the device side over TCP (or, for a UDP capture, as datagrams answering datagram commands).</summary>
    public IPEndPoint Serve()
    {
        var udp = Transport == TransportProtocol.Udp;
        socket = new Socket(AddressFamily.InterNetwork, udp ? SocketType.Dgram : SocketType.Stream, udp ? ProtocolType.Udp : ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (udp)
        {
            running.Add(ServeDatagramsAsync(socket));
        }
        else
        {
            socket.Listen(4);
            running.Add(AcceptAsync(socket));
        }

        return (IPEndPoint)socket.LocalEndPoint!;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        socket?.Dispose();
        await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(5));
        stopping.Dispose();
    }

    private static bool IsType(byte[] unit, FrameType type) => unit.Length > 1 && ((unit[1] >> 4) & 0x7) == (int)type;

    private static List<byte[]> SplitFrames(byte[] stream)
    {
        var frames = new List<byte[]>();
        var reader = new FrameReader();
        var buffer = new ReadOnlySequence<byte>(stream);
        while (reader.TryReadFrame(ref buffer, out var frame) != FrameReadStatus.NeedMoreData)
        {
            if (frame.Bytes.Length > 0)
            {
                frames.Add(frame.Bytes.ToArray());
            }
        }

        return frames;
    }

    private static bool IsStopping(Exception e) => e is OperationCanceledException or SocketException or IOException or ObjectDisposedException;

    private async Task AcceptAsync(Socket listener)
    {
        try
        {
            while (true)
            {
                var connection = await listener.AcceptAsync(stopping.Token);
                running.Add(ServeConnectionAsync(connection));
            }
        }
        catch (Exception e) when (IsStopping(e))
        {
        }
    }

    private async Task ServeConnectionAsync(Socket connection)
    {
        using var stream = new NetworkStream(connection, ownsSocket: true);
        var buffer = new byte[CommandFrame.BaseSize];
        try
        {
            while (true)
            {
                await stream.ReadExactlyAsync(buffer, stopping.Token);
                switch (CommandFrame.Read(buffer)?.Command)
                {
                    case CommandCode.SendConfig2 or CommandCode.SendConfig3:
                        await stream.WriteAsync(ConfigFrame, stopping.Token);
                        break;
                    case CommandCode.TurnOnTransmission:
                        await stream.WriteAsync(Frames.SelectMany(f => f).ToArray(), stopping.Token);
                        break;
                }
            }
        }
        catch (Exception e) when (IsStopping(e) || e is EndOfStreamException)
        {
        }
    }

    private async Task ServeDatagramsAsync(Socket device)
    {
        var buffer = new byte[CommandFrame.BaseSize];
        try
        {
            while (true)
            {
                var received = await device.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stopping.Token);
                switch (CommandFrame.Read(buffer.AsSpan(0, received.ReceivedBytes))?.Command)
                {
                    case CommandCode.SendConfig2 or CommandCode.SendConfig3:
                        await device.SendToAsync(ConfigFrame, SocketFlags.None, received.RemoteEndPoint, stopping.Token);
                        break;
                    case CommandCode.TurnOnTransmission:
                        for (var i = 0; i < Frames.Count; i++)
                        {
                            await device.SendToAsync(Frames[i], SocketFlags.None, received.RemoteEndPoint, stopping.Token);
                            if (i % 20 == 19)
                            {
                                // Paced a little, so that the socket buffer of a busy test machine is not what is being tested.
                                await Task.Delay(1, stopping.Token);
                            }
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (IsStopping(e))
        {
        }
    }
}
