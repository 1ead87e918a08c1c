using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Host.Tests;

/// <summary>A C37.118 client over TCP, as the next PDC up would be: sends commands, decodes with StreamDecoder.</summary>
internal sealed class C37118Subscriber : IDisposable
{
    private readonly TcpClient client = new();
    private readonly StreamDecoder decoder = new();
    private readonly byte[] buffer = new byte[1 << 16];
    private readonly ushort idCode;
    private NetworkStream? stream;
    private byte[] pending = [];

    public C37118Subscriber(ushort idCode)
    {
        this.idCode = idCode;
    }

    public async Task ConnectAsync(IPEndPoint endpoint)
    {
        await client.ConnectAsync(endpoint);
        stream = client.GetStream();
    }

    public async Task SendAsync(CommandCode command)
    {
        var writer = new ArrayBufferWriter<byte>();
        new CommandFrame(ProtocolVersion.Ieee2005, idCode, FrameTimestamp.Create(0, 0), command).Write(writer);
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
                throw new EndOfStreamException("The PDC closed the connection.");
            }

            var bytes = pending.Concat(buffer.Take(read)).ToArray();
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
