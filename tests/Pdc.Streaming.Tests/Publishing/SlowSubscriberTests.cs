using Pdc.Protocol;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing;

/// <summary>Subscribers of one stream do not wait for each other: a slow one loses its oldest frames, nobody else does.</summary>
public sealed class SlowSubscriberTests
{
    private const int QueueFrames = 32;
    private const int Batch = 16;
    private const int Total = 2_400;

    [Fact]
    public async Task SubscriberThatNeverReads_DropsItsOldestFrames_WhileAFastOneGetsEveryFrame()
    {
        var fixture = new PublishingFixture();
        await using var stream = await StartAsync(fixture);
        await using var slow = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 5, receiveBufferBytes: 4096);
        await slow.SendAsync(CommandCode.TurnOnTransmission);
        await using var fast = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 5);
        await fast.RequestConfigAsync();
        await fast.SendAsync(CommandCode.TurnOnTransmission);
        await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Count(s => s.IsSending) == 2);

        // The fast one reads each batch before the next is published, so it never holds more than a batch.
        var maxSlowQueue = 0;
        for (var sent = 0; sent < Total; sent += Batch)
        {
            fixture.Run(Batch, stream);
            var frames = await fast.ReadDataAsync(Batch);
            for (var i = 0; i < Batch; i++)
            {
                ReceivedValues.Match(fixture.Published[sent + i], frames[i].Data!);
            }

            maxSlowQueue = Math.Max(maxSlowQueue, Of(stream, slow).FramesQueued);
        }

        var slowStatistics = Of(stream, slow);
        var fastStatistics = Of(stream, fast);
        Assert.Equal(Total + 1, fastStatistics.FramesSent);
        Assert.Equal(0, fastStatistics.FramesDropped);
        Assert.True(slowStatistics.FramesDropped > 0, "the slow subscriber dropped nothing: its socket never filled");
        // Every frame was sent, dropped or is queued, but for the one its send loop holds while the socket is full.
        Assert.InRange(slowStatistics.FramesSent + slowStatistics.FramesDropped + slowStatistics.FramesQueued, Total - 1, Total);
        Assert.True(maxSlowQueue <= QueueFrames);

        // Memory stays bounded: buffers are reused, never more than the queues and the frames in flight hold.
        Assert.Equal(Total, stream.Snapshot().FramesSerialized);
        Assert.True(stream.Snapshot().BuffersAllocated <= QueueFrames + Batch + 4, $"{stream.Snapshot().BuffersAllocated} buffers allocated");
    }

    [Fact]
    public async Task SubscriberThatFallsBehindThenReads_GetsWholeFramesInOrder_AndTheGapIsCounted()
    {
        var fixture = new PublishingFixture();
        await using var stream = await StartAsync(fixture);
        await using var late = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 5, receiveBufferBytes: 4096);
        await late.RequestConfigAsync();
        await late.SendAsync(CommandCode.TurnOnTransmission);
        await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single().IsSending);

        // Published one at a time while nobody reads: frames go straight to the socket until it fills, most
        // likely part-way through a frame, whose rest must then go out before anything queued behind it.
        const int published = 400;
        for (var i = 0; i < published; i++)
        {
            fixture.Run(1, stream);
            await Task.Yield();
        }

        // FramesSent counts the CFG-2 read above too.
        var received = new List<ReceivedFrame>();
        while (received.Count + 1 < Of(stream, late).FramesSent || Of(stream, late).FramesQueued > 0)
        {
            received.Add(await late.ReadAsync());
        }

        var statistics = Of(stream, late);
        Assert.True(statistics.FramesDropped > 0, "nothing was dropped: the socket never filled");
        Assert.Equal(published, received.Count + statistics.FramesDropped);
        var byTime = fixture.Published.ToDictionary(p => p.Timestamp);
        var previous = default(FrameTimestamp);
        foreach (var frame in received)
        {
            Assert.Equal(FrameRejection.None, frame.Rejection);
            var data = frame.Data!;
            Assert.True(received[0] == frame || data.Timestamp.ToUnixNanoseconds(1_000_000) > previous.ToUnixNanoseconds(1_000_000), "frames out of order");
            ReceivedValues.Match(byTime[data.Timestamp], data);
            previous = data.Timestamp;
        }
    }

    /// <summary>A stream with short queues and a small socket send buffer, so that a subscriber that does not read fills both soon.</summary>
    private static async Task<OutputStream> StartAsync(PublishingFixture fixture)
    {
        var options = new OutputStreamOptions
        {
            IdCode = 5,
            ListenAddress = "127.0.0.1",
            TcpPort = 0,
            SubscriberQueueFrames = QueueFrames,
            SocketSendBufferBytes = 4096,
        };
        var stream = new OutputStream(options, fixture.Layout, SystemClock.Instance);
        await stream.StartAsync();
        return stream;
    }

    private static SubscriberStatistics Of(OutputStream stream, TestSubscriber client) =>
        stream.Snapshot().Subscribers.Single(s => s.RemoteEndPoint == client.LocalEndPoint);
}
