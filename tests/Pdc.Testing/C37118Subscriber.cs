using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Testing;

/// <summary>A C37.118 client over TCP, as the next PDC up would be: sends commands, decodes with StreamDecoder.</summary>
public sealed class C37118Subscriber : IDisposable
{
    private readonly TcpClient client = new();
    private readonly StreamDecoder decoder = new();
    private readonly byte[] buffer = new byte[1 << 16];
    private readonly ushort idCode;
    private NetworkStream? stream;
    private byte[] pending = [];

    /// <param name="receiveBufferBytes">SO_RCVBUF to ask for before connecting: small, to make a slow reader's backlog show at the server.</param>
    public C37118Subscriber(ushort idCode, int? receiveBufferBytes = null)
    {
        this.idCode = idCode;
        if (receiveBufferBytes is { } bytes)
        {
            client.ReceiveBufferSize = bytes;
        }
    }

    /// <summary>Frames the decoder refused (bad CRC, no config...), by reason.</summary>
    public RejectionCounters Rejections => decoder.Rejections;

    public async Task ConnectAsync(IPEndPoint endpoint)
    {
        await client.ConnectAsync(endpoint);
        stream = client.GetStream();
    }

    /// <summary>Sends a command for this subscriber's IDCODE, or for <paramref name="toIdCode"/>.</summary>
    public async Task SendAsync(CommandCode command, ushort? toIdCode = null)
    {
        var writer = new ArrayBufferWriter<byte>();
        new CommandFrame(ProtocolVersion.Ieee2005, toIdCode ?? idCode, FrameTimestamp.Create(0, 0), command).Write(writer);
        await stream!.WriteAsync(writer.WrittenMemory);
    }

    /// <summary>Reads frames until <paramref name="accept"/> returns false or the timeout passes; the DecodedFrame is only valid inside the callback.</summary>
    public async Task ReadUntilAsync(Func<DecodedFrame, bool> accept, TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        while (true)
        {
            var read = await stream!.ReadAsync(buffer, expiry.Token);
            if (read == 0)
            {
                throw new EndOfStreamException("The server closed the connection.");
            }

            var bytes = new byte[pending.Length + read];
            pending.CopyTo(bytes, 0);
            buffer.AsSpan(0, read).CopyTo(bytes.AsSpan(pending.Length));
            var sequence = new ReadOnlySequence<byte>(bytes);
            var keepGoing = true;
            while (keepGoing && decoder.TryReadFrame(ref sequence, out var frame) != FrameReadStatus.NeedMoreData)
            {
                keepGoing = accept(frame);
            }

            pending = sequence.ToArray();
            if (!keepGoing)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        stream?.Dispose();
        client.Dispose();
    }
}
