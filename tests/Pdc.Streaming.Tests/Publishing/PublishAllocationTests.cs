using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing;

/// <summary>Publish runs on the concentrator's loop at every frame: in steady state it must not allocate.</summary>
public sealed class PublishAllocationTests
{
    private const int QueueFrames = 64;
    private const int WarmUp = 2_000;
    private const int Measured = 10_000;
    private const int Chunk = 50;

    [Fact]
    public async Task Publish_WithASubscriberReceiving_AllocatesNothing()
    {
        var fixture = new PublishingFixture { KeepCopies = false };
        await using var stream = new OutputStream(
            new OutputStreamOptions
            {
                IdCode = 3,
                ListenAddress = "127.0.0.1",
                TcpPort = 0,
                NumberFormat = OutputNumberFormat.Integer,
                SubscriberQueueFrames = QueueFrames,
                SocketSendBufferBytes = 4096,
            },
            fixture.Layout,
            SystemClock.Instance);
        await stream.StartAsync();
        await using var client = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 3, receiveBufferBytes: 4096);
        await client.RequestConfigAsync();
        await client.SendAsync(CommandCode.TurnOnTransmission);
        await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single().IsSending);

        // Steady state is reached once the pool holds a buffer for every queue slot: warm up with a subscriber that
        // does not read, so that its socket fills and its queue overflows; then let it read while measuring, in
        // chunks smaller than its queue so that it receives every measured frame.
        var meter = new AllocationMeter(stream);
        fixture.Run(WarmUp, meter);
        Assert.True(stream.Snapshot().Subscribers.Single().FramesDropped > 0, "the warm-up never filled the queue");
        using var stop = new CancellationTokenSource();
        var draining = Task.Run(() => client.DiscardAsync(stop.Token));
        await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single().FramesQueued == 0);
        var warm = stream.Snapshot().Subscribers.Single();
        meter.Reset();
        for (var published = 0; published < Measured; published += Chunk)
        {
            fixture.Run(Chunk, meter);
            await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single().FramesQueued == 0);
        }

        await stop.CancelAsync();
        await draining;

        Assert.Equal(0, meter.AllocatedBytes);
        var after = stream.Snapshot();
        Assert.Equal(WarmUp + Measured, after.FramesSerialized);
        Assert.Equal(warm.FramesDropped, after.Subscribers.Single().FramesDropped);
        Assert.True(after.Subscribers.Single().FramesSent >= warm.FramesSent + Measured, "the subscriber did not receive every measured frame");
    }

    /// <summary>Counts what the publishing thread allocates inside Publish alone, not in the alignment around it.</summary>
    private sealed class AllocationMeter(OutputStream stream) : IAlignedFrameConsumer
    {
        public long AllocatedBytes { get; private set; }

        public void Publish(AlignedFrame frame)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            stream.Publish(frame);
            AllocatedBytes += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        public void Reset() => AllocatedBytes = 0;
    }
}
