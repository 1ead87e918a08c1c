using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Streaming.Tests.Ingest.Support;

/// <summary>
/// A PMU for tests, on 127.0.0.1 only: answers commands (config, header, on, off) and, while on, sends the
/// data frames of the report instants that the local clock has reached (so that two instances serving one
/// stream send the same instants). Serves TCP, connects out to a listener, or sends UDP; each connection gets its own.
/// </summary>
internal sealed class TestPmu : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Socket, byte> connections = new();
    private readonly ConcurrentBag<Task> running = [];
    private Socket? server;
    private Func<Stream, CancellationToken, Task>? hijack;
    private volatile ConfigFrame config;
    private volatile ConfigFrame? pendingConfig;
    private int pendingAfterFlags;
    private int ignoreConfigRequests;
    private long framesSent;
    private long commandsReceived;

    public TestPmu(ConfigFrame config)
    {
        this.config = config;
    }

    public ConfigFrame Config => config;

    /// <summary>While set, new connections are closed at once and frames are not sent (the device is unreachable).</summary>
    public bool Down { get; set; }

    /// <summary>OR-ed into every PMU's STAT.</summary>
    public ushort Stat { get; set; }

    /// <summary>The time-quality byte of FRACSEC in the data frames.</summary>
    public TimeQuality TimeQuality { get; set; }

    /// <summary>Where data frames go as datagrams instead of on the TCP connection (TCP commands, UDP data).</summary>
    public IPEndPoint? UdpDataTarget { get; set; }

    /// <summary>When set, "turn on" sends these bytes at once (pre-encoded frames) instead of streaming on the clock.</summary>
    public byte[]? Burst { get; set; }

    public long FramesSent => Interlocked.Read(ref framesSent);

    public long CommandsReceived => Interlocked.Read(ref commandsReceived);

    public IPEndPoint Endpoint => (IPEndPoint)(server ?? throw new InvalidOperationException("Not serving TCP.")).LocalEndPoint!;

    /// <summary>The next "send config" requests that go unanswered.</summary>
    public void IgnoreConfigRequests(int count) => Volatile.Write(ref ignoreConfigRequests, count);

    /// <summary>Once: the next stream tick of a connection runs <paramref name="action"/> on its stream instead of sending frames, and sends no more.</summary>
    public void Hijack(Func<Stream, CancellationToken, Task> action) => Volatile.Write(ref hijack, action);

    /// <summary>Announces a config change as a device does: the STAT config-change bit for <paramref name="flaggedFrames"/> frames, then the new config.</summary>
    public void ChangeConfig(ConfigFrame next, int flaggedFrames)
    {
        Volatile.Write(ref pendingAfterFlags, flaggedFrames);
        pendingConfig = next;
    }

    public IPEndPoint ServeTcp()
    {
        server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        server.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        server.Listen(64);
        running.Add(AcceptAsync(server));
        return Endpoint;
    }

    /// <summary>
    /// Connects to a Pdc listener, as a PMU configured as a TCP client does, and serves that connection; with
    /// <paramref name="reconnect"/>, connects again whenever the connection is lost, as such a PMU does.
    /// </summary>
    public async Task ConnectToAsync(IPEndPoint listener, bool reconnect = true)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(listener, stopping.Token);
        running.Add(reconnect ? ServeAndReconnectAsync(socket, listener) : ServeAsync(socket, sendFirst: true));
    }

    private async Task ServeAndReconnectAsync(Socket socket, IPEndPoint listener)
    {
        try
        {
            while (true)
            {
                await ServeAsync(socket, sendFirst: true);
                await Task.Delay(50, stopping.Token);
                socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(listener, stopping.Token);
            }
        }
        catch (Exception e) when (IsStopping(e))
        {
        }
    }

    /// <summary>Spontaneous UDP: sends CFG-2 now and every 50 frames, and data frames, to <paramref name="target"/> (a multicast group via loopback when it is one).</summary>
    public void SendUdp(IPEndPoint target)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        if (target.Address.GetAddressBytes()[0] is >= 224 and <= 239)
        {
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.Loopback.GetAddressBytes());
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
        }

        running.Add(StreamAsync(new DatagramSender(socket, target), spontaneousConfigEvery: 50, stopping.Token));
    }

    /// <summary>A UDP device that answers datagram commands: config to the sender, data to the sender once on.</summary>
    public IPEndPoint ServeUdpCommands()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        running.Add(ServeDatagramCommandsAsync(socket));
        return (IPEndPoint)socket.LocalEndPoint!;
    }

    /// <summary>Closes every open connection (the PMU restarted, or the network failed).</summary>
    public void DropConnections()
    {
        foreach (var socket in connections.Keys)
        {
            socket.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        server?.Dispose();
        DropConnections();
        try
        {
            await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Loops end by their sockets closing.
        }

        stopping.Dispose();
    }

    private static bool IsStopping(Exception e) => e is OperationCanceledException or SocketException or IOException or ObjectDisposedException;

    private async Task AcceptAsync(Socket listener)
    {
        try
        {
            while (true)
            {
                var socket = await listener.AcceptAsync(stopping.Token);
                if (Down)
                {
                    socket.Dispose();
                    continue;
                }

                socket.NoDelay = true;
                running.Add(ServeAsync(socket, sendFirst: false));
            }
        }
        catch (Exception e) when (IsStopping(e))
        {
        }
    }

    /// <summary>One TCP connection: commands in, frames out. A PMU that connects in first sends a config frame, which identifies it.</summary>
    private async Task ServeAsync(Socket socket, bool sendFirst)
    {
        connections[socket] = 0;
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        var stream = new NetworkStream(socket, ownsSocket: true);
        using var sender = new StreamSender(stream);
        CancellationTokenSource? streaming = null;
        try
        {
            if (sendFirst)
            {
                await sender.SendAsync(TestStreams.Config2(config), connection.Token);
            }

            var decoder = new StreamDecoder();
            var buffer = new byte[4096];
            var held = Array.Empty<byte>();
            while (true)
            {
                var read = await stream.ReadAsync(buffer, connection.Token);
                if (read == 0)
                {
                    return;
                }

                held = [.. held, .. buffer.AsSpan(0, read)];
                var sequence = new ReadOnlySequence<byte>(held);
                var commands = new List<CommandCode>();
                while (decoder.TryReadFrame(ref sequence, out var frame) != FrameReadStatus.NeedMoreData)
                {
                    if (frame.Command is { } command)
                    {
                        commands.Add(command.Command);
                    }
                }

                held = sequence.ToArray();
                foreach (var command in commands)
                {
                    streaming = await AnswerAsync(command, sender, streaming, connection.Token);
                }
            }
        }
        catch (Exception e) when (IsStopping(e))
        {
        }
        finally
        {
            Stop(ref streaming);
            connections.TryRemove(socket, out _);
            await stream.DisposeAsync();
        }
    }

    /// <summary>Answers one command; <paramref name="streaming"/> is the running data loop's token source, null while off.</summary>
    private async Task<CancellationTokenSource?> AnswerAsync(CommandCode command, IFrameSender sender, CancellationTokenSource? streaming, CancellationToken connection)
    {
        Interlocked.Increment(ref commandsReceived);
        switch (command)
        {
            case CommandCode.TurnOffTransmission:
                Stop(ref streaming);
                return streaming;
            case CommandCode.SendConfig2 or CommandCode.SendConfig3 when Interlocked.Decrement(ref ignoreConfigRequests) >= 0:
                return streaming;
            case CommandCode.SendConfig2:
                await sender.SendAsync(TestStreams.Config2(config), connection);
                return streaming;
            case CommandCode.SendConfig3:
                await sender.SendAsync(TestStreams.Config3(config), connection);
                return streaming;
            case CommandCode.SendHeader:
                var header = new ArrayBufferWriter<byte>();
                new HeaderFrame(config.Version, config.IdCode, FrameTimestamp.Create(1_700_000_000, 0), $"Test PMU {config.IdCode}").Write(header);
                await sender.SendAsync(header.WrittenSpan.ToArray(), connection);
                return streaming;
            case CommandCode.TurnOnTransmission when streaming is null:
                var next = CancellationTokenSource.CreateLinkedTokenSource(connection);
                var data = UdpDataTarget is { } target ? new DatagramSender(NewUdpSocket(), target) : sender;
                running.Add(Burst is { } burst ? data.SendAsync(burst, next.Token) : StreamAsync(data, 0, next.Token));
                return next;
            default:
                return streaming;
        }
    }

    private static void Stop(ref CancellationTokenSource? streaming)
    {
        streaming?.Cancel();
        streaming?.Dispose();
        streaming = null;
    }

    private static Socket NewUdpSocket()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    private async Task ServeDatagramCommandsAsync(Socket socket)
    {
        var buffer = new byte[2048];
        CancellationTokenSource? streaming = null;
        try
        {
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), stopping.Token);
                var command = CommandFrame.Read(buffer.AsSpan(0, received.ReceivedBytes));
                if (command is not null)
                {
                    streaming = await AnswerAsync(command.Command, new DatagramSender(socket, (IPEndPoint)received.RemoteEndPoint), streaming, stopping.Token);
                }
            }
        }
        catch (Exception e) when (IsStopping(e))
        {
        }
        finally
        {
            Stop(ref streaming);
        }
    }

    /// <summary>Sends the data frames of each report instant the clock reaches, catching up after a late tick; CFG-2 every so often when spontaneous.</summary>
    private async Task StreamAsync(IFrameSender sender, int spontaneousConfigEvery, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
        var next = TestStreams.IndexNow(config);
        var sent = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (Interlocked.Exchange(ref hijack, null) is { } action)
                {
                    await action(sender.Stream ?? Stream.Null, cancellationToken);
                    return;
                }

                for (var now = TestStreams.IndexNow(config); next <= now && !Down; next++)
                {
                    if (spontaneousConfigEvery > 0 && sent++ % spontaneousConfigEvery == 0)
                    {
                        await sender.SendAsync(TestStreams.Config2(config), cancellationToken);
                    }

                    await sender.SendAsync(TestStreams.Data(config, next, NextStat(), TimeQuality), cancellationToken);
                    Interlocked.Increment(ref framesSent);
                }
            }
        }
        catch (Exception e) when (IsStopping(e))
        {
        }
    }

    private ushort NextStat()
    {
        if (pendingConfig is { } next)
        {
            if (Interlocked.Decrement(ref pendingAfterFlags) >= 0)
            {
                return (ushort)(Stat | Pdc.Protocol.Stat.ConfigChangeBit);
            }

            config = next;
            pendingConfig = null;
        }

        return Stat;
    }
}
