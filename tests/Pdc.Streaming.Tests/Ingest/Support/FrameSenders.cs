using System.Net;
using System.Net.Sockets;

namespace Pdc.Streaming.Tests.Ingest.Support;

/// <summary>Where <see cref="TestPmu"/> writes frames: a TCP stream (serialized), or datagrams to one address.</summary>
internal interface IFrameSender
{
    Stream? Stream { get; }

    Task SendAsync(byte[] frame, CancellationToken cancellationToken);
}

internal sealed class StreamSender(Stream stream) : IFrameSender, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public Stream? Stream => stream;

    public async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(frame, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}

internal sealed class DatagramSender(Socket socket, IPEndPoint target) : IFrameSender
{
    private readonly SocketAddress address = target.Serialize();

    public Stream? Stream => null;

    public async Task SendAsync(byte[] frame, CancellationToken cancellationToken)
    {
        for (var (at, sent) = (0, 1); at < frame.Length; sent++)
        {
            // A burst goes out frame by frame (a datagram carries whole frames), paced so that the receiving
            // socket's buffer holds it; the sleep, unlike a delay, allocates nothing.
            var size = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(frame.AsSpan(at + 2));
            await socket.SendToAsync(frame.AsMemory(at, size), SocketFlags.None, address, cancellationToken);
            at += size;
            if (sent % 100 == 0)
            {
                Thread.Sleep(1);
            }
        }
    }
}
