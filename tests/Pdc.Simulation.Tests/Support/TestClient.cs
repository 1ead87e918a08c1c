using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Simulation.Tests.Support;

/// <summary>
/// A PDC-like TCP client for tests: sends commands to a stream's IDCODE and collects what comes back, decoded by
/// the project's <see cref="StreamDecoder"/>, with every received byte kept for a capture.
/// </summary>
internal sealed class TestClient : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly Socket socket;
    private readonly ushort idCode;
    private readonly FrameCollector collector = new();
    private readonly Queue<ReceivedFrame> ready = new();
    private readonly byte[] buffer = new byte[65_536];

    private TestClient(Socket socket, ushort idCode)
    {
        this.socket = socket;
        this.idCode = idCode;
    }

    public StreamDecoder Decoder => collector.Decoder;

    public static async Task<TestClient> ConnectAsync(IPEndPoint endPoint, ushort idCode, int? receiveBufferSize = null)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (receiveBufferSize is { } size)
        {
            socket.ReceiveBufferSize = size;
        }

        await socket.ConnectAsync(endPoint);
        return new TestClient(socket, idCode);
    }

    public async Task SendAsync(CommandCode command, ushort? toIdCode = null)
    {
        var writer = new ArrayBufferWriter<byte>();
        new CommandFrame(ProtocolVersion.Ieee2011, toIdCode ?? idCode, default, command).Write(writer);
        await socket.SendAsync(writer.WrittenMemory, SocketFlags.None);
    }

    /// <summary>The next frame, or null when none comes within the timeout (or the server closed the connection).</summary>
    public async Task<ReceivedFrame?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (ready.Count == 0)
        {
            int count;
            try
            {
                count = await socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }

            if (count == 0)
            {
                return null;
            }

            foreach (var frame in collector.Add(buffer.AsSpan(0, count)))
            {
                ready.Enqueue(frame);
            }
        }

        return ready.Dequeue();
    }

    /// <summary>The next frame of <paramref name="type"/>, skipping others (data still in flight after a command, say).</summary>
    public async Task<ReceivedFrame> ReceiveAsync(FrameType type, TimeSpan? timeout = null)
    {
        while (true)
        {
            var frame = await ReceiveAsync(timeout) ?? throw new TimeoutException($"No {type} frame arrived.");
            if (frame.Type == type)
            {
                return frame;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> data frames.</summary>
    public async Task<List<ReceivedFrame>> ReceiveDataAsync(int count)
    {
        var frames = new List<ReceivedFrame>();
        while (frames.Count < count)
        {
            frames.Add(await ReceiveAsync(FrameType.Data));
        }

        return frames;
    }

    /// <summary>CFG-2 then "turn on": the usual start of a PDC's session. Returns the CFG-2.</summary>
    public async Task<ConfigFrame> StartAsync()
    {
        await SendAsync(CommandCode.SendConfig2);
        var config = await ReceiveAsync(FrameType.Config2);
        await SendAsync(CommandCode.TurnOnTransmission);
        return config.Config ?? throw new InvalidOperationException("The CFG-2 did not decode.");
    }

    /// <summary>Frames arriving until nothing has come for <paramref name="quiet"/>.</summary>
    public async Task<List<ReceivedFrame>> DrainAsync(TimeSpan quiet)
    {
        var frames = new List<ReceivedFrame>();
        while (await ReceiveAsync(quiet) is { } frame)
        {
            frames.Add(frame);
        }

        return frames;
    }

    public ValueTask DisposeAsync()
    {
        socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
