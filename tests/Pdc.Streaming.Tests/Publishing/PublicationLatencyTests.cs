using Pdc.Protocol;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing;

/// <summary>Each subscriber's latency figures measure from publication, and from readiness, to the socket send.</summary>
public sealed class PublicationLatencyTests
{
    private const int Frames = 30;

    [Fact]
    public async Task Latency_IsSendTimeMinusPublicationAndMinusLastArrival()
    {
        // The stream's clock stands still one second after the epoch, so each send time is known exactly.
        var fixture = new PublishingFixture();
        var sendTime = PublishingFixture.Epoch + 1_000_000_000;
        await using var stream = new OutputStream(new OutputStreamOptions { IdCode = 8, ListenAddress = "127.0.0.1", TcpPort = 0 }, fixture.Layout, new ManualClock(sendTime));
        await stream.StartAsync();
        await using var client = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, 8);
        await client.SendAsync(CommandCode.TurnOnTransmission);
        await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single().IsSending);

        fixture.Run(Frames, stream);
        await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single().FramesSent == Frames);

        // The histogram counts whole microseconds.
        var published = fixture.Published.Select(p => (sendTime - p.PublishedNanoseconds) / 1000).ToList();
        var ready = fixture.Published.Select(p => (sendTime - p.PublishedNanoseconds + PublishingFixture.PublishDelayNanoseconds) / 1000).ToList();
        var subscriber = stream.Snapshot().Subscribers.Single();
        Assert.Equal(Frames, subscriber.PublicationLatency.Count);
        Assert.Equal(TimeSpan.FromMicroseconds(published.Min()), subscriber.PublicationLatency.Min);
        Assert.Equal(TimeSpan.FromMicroseconds(published.Max()), subscriber.PublicationLatency.Max);
        Assert.Equal(TimeSpan.FromMicroseconds(published.Average()), subscriber.PublicationLatency.Mean);
        Assert.InRange(subscriber.PublicationLatency.P99, TimeSpan.FromMicroseconds(published.Max()) * 0.94, TimeSpan.FromMicroseconds(published.Max()));

        // Every device reported, so each frame was ready at its last arrival, published a fixed delay later.
        Assert.Equal(TimeSpan.FromMicroseconds(ready.Min()), subscriber.ReadyLatency.Min);
        Assert.Equal(TimeSpan.FromMicroseconds(ready.Max()), subscriber.ReadyLatency.Max);
    }
}
