using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Streaming.Tests.Publishing.Support;

/// <summary>A UDP receiver on loopback (unicast, or joined to a multicast group) decoding each datagram as C37.118 frames.</summary>
internal sealed class UdpReceiver : IDisposable
{
    private readonly UdpClient client;
    private readonly StreamDecoder decoder = new();

    private UdpReceiver(UdpClient client)
    {
        this.client = client;
    }

    public int Port => ((IPEndPoint)client.Client.LocalEndPoint!).Port;

    public static UdpReceiver Unicast() => new(new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)));

    /// <summary>Joins <paramref name="group"/> on the loopback interface.</summary>
    public static UdpReceiver Multicast(IPAddress group)
    {
        var client = new UdpClient(new IPEndPoint(IPAddress.Any, 0));
        client.JoinMulticastGroup(group, IPAddress.Loopback);
        return new UdpReceiver(client);
    }

    /// <summary>The frames of the next datagram; fails after a timeout.</summary>
    public async Task<List<ReceivedFrame>> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var expiry = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var datagram = await client.ReceiveAsync(expiry.Token);
        var buffer = new ReadOnlySequence<byte>(datagram.Buffer);
        var frames = new List<ReceivedFrame>();
        while (decoder.TryReadFrame(ref buffer, out var frame) != FrameReadStatus.NeedMoreData)
        {
            frames.Add(ReceivedFrame.From(frame));
        }

        return frames;
    }

    /// <summary>Receives datagrams until <paramref name="count"/> frames have come.</summary>
    public async Task<List<ReceivedFrame>> ReceiveFramesAsync(int count)
    {
        var frames = new List<ReceivedFrame>();
        while (frames.Count < count)
        {
            frames.AddRange(await ReceiveAsync());
        }

        return frames;
    }

    public void Dispose() => client.Dispose();
}
