using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Streaming.Tests.Publishing.Support;

/// <summary>
/// A C37.118 client of an output stream over real TCP on loopback, as the next PDC would be: it sends command
/// frames and decodes what comes back with our own <see cref="StreamDecoder"/>.
/// </summary>
internal sealed class TestSubscriber : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly Socket socket;
    private readonly PipeReader reader;
    private readonly StreamDecoder decoder = new();
    private readonly Queue<ReceivedFrame> pending = new();

    private TestSubscriber(Socket socket, ushort idCode, ProtocolVersion version)
    {
        this.socket = socket;
        IdCode = idCode;
        Version = version;
        reader = PipeReader.Create(new NetworkStream(socket, ownsSocket: false));
    }

    public ushort IdCode { get; }

    public ProtocolVersion Version { get; }

    /// <summary>This end of the connection, as the stream's statistics name the subscriber.</summary>
    public string LocalEndPoint => socket.LocalEndPoint!.ToString()!;

    /// <summary>Connects; a small <paramref name="receiveBufferBytes"/> (set before connecting) makes a reader that never reads stall sooner.</summary>
    public static async Task<TestSubscriber> ConnectAsync(IPEndPoint endpoint, ushort idCode, ProtocolVersion version = ProtocolVersion.Ieee2011, int? receiveBufferBytes = null)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        if (receiveBufferBytes is { } bytes)
        {
            socket.ReceiveBufferSize = bytes;
        }

        await socket.ConnectAsync(endpoint);
        return new TestSubscriber(socket, idCode, version);
    }

    public async Task SendAsync(CommandCode command, ushort? idCode = null)
    {
        var writer = new ArrayBufferWriter<byte>();
        new CommandFrame(Version, idCode ?? IdCode, FrameTimestamp.Create(1_767_225_600, 0), command).Write(writer);
        await socket.SendAsync(writer.WrittenMemory);
    }

    /// <summary>The next frame, decoded; fails after a timeout or when the server closes.</summary>
    public async Task<ReceivedFrame> ReadAsync(TimeSpan? timeout = null)
    {
        using var expiry = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (pending.Count == 0)
        {
            var result = await reader.ReadAsync(expiry.Token);
            var buffer = result.Buffer;
            DecodeAll(ref buffer);
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted && pending.Count == 0)
            {
                throw new EndOfStreamException("The output stream closed the connection.");
            }
        }

        return pending.Dequeue();
    }

    /// <summary>Reads until a frame of <paramref name="type"/>, collecting the frames passed on the way into <paramref name="skipped"/>.</summary>
    public async Task<ReceivedFrame> ReadAsync(FrameType type, List<ReceivedFrame>? skipped = null)
    {
        while (true)
        {
            var frame = await ReadAsync();
            if (frame.Type == type && frame.Rejection == FrameRejection.None)
            {
                return frame;
            }

            skipped?.Add(frame);
        }
    }

    /// <summary>Sends the command and returns the config that answers it (a CFG-3 may come in fragments).</summary>
    public async Task<ReceivedFrame> RequestConfigAsync(CommandCode command = CommandCode.SendConfig2)
    {
        await SendAsync(command);
        var type = command switch
        {
            CommandCode.SendConfig1 => FrameType.Config1,
            CommandCode.SendConfig3 => FrameType.Config3,
            _ => FrameType.Config2,
        };
        while (true)
        {
            var frame = await ReadAsync(type);
            if (frame.Config is not null)
            {
                return frame;
            }
        }
    }

    /// <summary>Reads <paramref name="count"/> data frames, failing on any other frame.</summary>
    public async Task<List<ReceivedFrame>> ReadDataAsync(int count)
    {
        var frames = new List<ReceivedFrame>(count);
        while (frames.Count < count)
        {
            var frame = await ReadAsync();
            Assert.True(frame.Data is not null, $"expected a data frame, got {frame}");
            frames.Add(frame);
        }

        return frames;
    }

    /// <summary>Reads and throws away whatever arrives until cancelled or closed: a fast reader that costs the test nothing.</summary>
    public async Task DiscardAsync(CancellationToken cancellation)
    {
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellation);
                reader.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Done.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await reader.CompleteAsync();
        socket.Dispose();
    }

    private void DecodeAll(ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            var status = decoder.TryReadFrame(ref buffer, out var frame);
            if (status == FrameReadStatus.NeedMoreData)
            {
                return;
            }

            pending.Enqueue(ReceivedFrame.From(frame));
        }
    }
}
