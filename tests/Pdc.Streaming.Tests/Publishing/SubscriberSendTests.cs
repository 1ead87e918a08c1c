using System.Net;
using System.Net.Sockets;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing;

/// <summary>
/// The publisher hands frames straight to a subscriber's non-blocking socket when it has room; what a full
/// socket does not take is finished by the send loop. Over a real loopback connection with small buffers and a
/// reader that lags, the byte stream must still be every frame, whole, once, in order.
/// </summary>
public sealed class SubscriberSendTests
{
    // As large as a big stream's frames: a socket with some room left takes part of one.
    private const int FrameBytes = 60_000;
    private const int Frames = 60;

    [Fact]
    public async Task FramesOfferedWhileTheReaderLags_ArriveWholeOnceAndInOrder()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var reader = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await reader.ConnectAsync(listener.LocalEndPoint!);
        var server = await listener.AcceptAsync();
        server.SendBufferSize = 4096;
        server.Blocking = false;
        var subscriber = new Subscriber(server, SubscriberTransport.Tcp, "test", Frames, SystemClock.Instance) { IsSending = true };
        var loop = subscriber.RunSendLoopAsync();
        var pool = new FrameBufferPool(Frames);

        var reading = ReadAsync(reader, Frames * FrameBytes);
        for (var frame = 0; frame < Frames; frame++)
        {
            var buffer = pool.Rent(FrameBytes, out var span);
            Fill(span, frame);
            subscriber.Offer(buffer);
            buffer.Release();

            // Now and then the send loop catches up and parks, so the next frame goes straight to a socket that may
            // have room for only part of it.
            if (frame % 4 == 0)
            {
                await Task.Delay(1);
            }
        }

        var received = await reading;
        var expected = new byte[Frames * FrameBytes];
        for (var frame = 0; frame < Frames; frame++)
        {
            Fill(expected.AsSpan(frame * FrameBytes, FrameBytes), frame);
        }

        Assert.True(expected.AsSpan().SequenceEqual(received), $"the bytes differ first at offset {expected.AsSpan().CommonPrefixLength(received)}");
        await Poll.UntilAsync(() => subscriber.Snapshot().FramesSent == Frames);
        Assert.Equal(0, subscriber.Snapshot().FramesDropped);
        subscriber.Close();
        await loop;
    }

    private static void Fill(Span<byte> frame, int number)
    {
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (byte)((number * 31) + (i * 7));
        }
    }

    /// <summary>Reads in small, slow bites, so the sender's socket fills again and again.</summary>
    private static async Task<byte[]> ReadAsync(Socket socket, int total)
    {
        using var expiry = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var received = new byte[total];
        var at = 0;
        while (at < total)
        {
            var read = await socket.ReceiveAsync(received.AsMemory(at, Math.Min(1_000, total - at)), SocketFlags.None, expiry.Token);
            Assert.True(read > 0, $"the connection closed after {at} of {total} bytes");
            at += read;
            if (at % 7 == 0)
            {
                await Task.Delay(1, expiry.Token);
            }
        }

        return received;
    }
}
