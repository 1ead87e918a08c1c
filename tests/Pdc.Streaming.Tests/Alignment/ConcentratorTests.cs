using System.Collections.Concurrent;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Alignment;

public sealed class ConcentratorTests
{
    private sealed class Recorder : IAlignedFrameConsumer
    {
        public BlockingCollection<(long Index, int Arrived, PublicationReason Reason)> Frames { get; } = [];

        public void Publish(AlignedFrame frame) => Frames.Add((frame.ReportIndex, frame.ArrivedCount, frame.Reason));
    }

    [Fact]
    public async Task AConsumerThatThrows_IsCounted_AndTheOthersStillGetEveryFrame()
    {
        const int rate = 50;
        var options = new AlignmentOptions { FramesPerSecond = rate, LagTime = TimeSpan.FromMilliseconds(60) };
        var fixture = new AlignmentFixture(options, (1, rate));
        var recorder = new Recorder();
        await using var concentrator = new Concentrator(options, SystemClock.Instance, [new Faulty(), recorder]);
        concentrator.SetDevices(fixture.Sources);
        concentrator.Start();

        var grid = new ReportGrid(rate);
        var first = grid.AtOrBefore(SystemClock.Instance.UtcNowNanoseconds) + (rate * 3 / 10);
        for (var k = first; k < first + 3; k++)
        {
            concentrator.Place(1, fixture.FrameFor(1, k), 0, SystemClock.Instance.UtcNowNanoseconds);
        }

        for (var k = first; k < first + 3; k++)
        {
            Assert.True(recorder.Frames.TryTake(out var frame, TimeSpan.FromSeconds(5)));
            Assert.Equal(k, frame.Index);
        }

        await Poll.UntilAsync(() => concentrator.Snapshot().ConsumerFailures == 3);
        Assert.Equal("Faulty: InvalidOperationException: broken output", concentrator.Snapshot().LastConsumerFailure);
    }

    [Fact]
    public async Task LiveLoop_PublishesCompleteInstantsAtOnceAndIncompleteOnesAtTheirDeadline()
    {
        const int rate = TwoDevicesRate;
        var recorder = new Recorder();
        var (fixture, started) = StartTwoDevices(recorder);
        await using var concentrator = started;

        // Instants 300 ms ahead (within the lead time), so that a test thread held up on a loaded machine still
        // places both devices' frames before the first instant's deadline.
        var grid = new ReportGrid(rate);
        var now = grid.AtOrBefore(SystemClock.Instance.UtcNowNanoseconds) + (rate * 3 / 10);
        concentrator.Place(1, fixture.FrameFor(1, now), 0, SystemClock.Instance.UtcNowNanoseconds);
        concentrator.Place(2, fixture.FrameFor(2, now), 0, SystemClock.Instance.UtcNowNanoseconds);
        concentrator.Place(1, fixture.FrameFor(1, now + 1), 0, SystemClock.Instance.UtcNowNanoseconds);

        Assert.True(recorder.Frames.TryTake(out var first, TimeSpan.FromSeconds(5)));
        Assert.Equal((now, 2, PublicationReason.AllArrived), first);
        Assert.True(recorder.Frames.TryTake(out var second, TimeSpan.FromSeconds(5)));
        Assert.Equal((now + 1, 1, PublicationReason.LagTimeExpired), second);

        // The loop records a frame's latency once its consumers are done with it: wait for the second.
        await Poll.UntilAsync(() => concentrator.Snapshot().PublicationLatency.Count == 2);
        var statistics = concentrator.Snapshot();
        Assert.Equal(2, statistics.Published);
        Assert.Equal(1, statistics.PublishedAtTimeout);
        Assert.Equal(1, statistics.Devices.Single(d => d.IdCode == 2).Missing);
        Assert.Equal(2, statistics.PublicationLatency.Count);
    }

    [Fact]
    public async Task MultiPmuFrame_PlacedWhole_CompletesItsInstant()
    {
        const int rate = TwoDevicesRate;
        var recorder = new Recorder();
        var (fixture, started) = StartTwoDevices(recorder);
        await using var concentrator = started;
        var stream = new DataFrame(new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2011, 100, default, 1_000_000, [.. fixture.Sources.Select(s => s.Config)], rate));

        var grid = new ReportGrid(rate);
        var instant = grid.AtOrBefore(SystemClock.Instance.UtcNowNanoseconds) + (rate * 3 / 10);
        stream.Timestamp = grid.ToTimestamp(instant, 1_000_000);
        Assert.Equal(2, concentrator.PlaceFrame(stream, SystemClock.Instance.UtcNowNanoseconds));

        Assert.True(recorder.Frames.TryTake(out var published, TimeSpan.FromSeconds(5)));
        Assert.Equal((instant, 2, PublicationReason.AllArrived), published);
        Assert.Equal(2, concentrator.Snapshot().Devices.Sum(d => d.Placed));
    }

    [Fact]
    public async Task TheArrivalThatCompletesAnInstant_PublishesItOnItsOwnThread()
    {
        var recorder = new ThreadRecorder();
        var (fixture, started) = StartTwoDevices(recorder);
        await using var concentrator = started;
        var instant = InstantAhead();

        concentrator.Place(1, fixture.FrameFor(1, instant), 0, SystemClock.Instance.UtcNowNanoseconds);
        Assert.Empty(recorder.Frames);
        concentrator.Place(2, fixture.FrameFor(2, instant), 0, SystemClock.Instance.UtcNowNanoseconds);

        // Published before Place returned, by the placing thread itself: no hand-off to the loop's thread.
        var published = Assert.Single(recorder.Frames);
        Assert.Equal((instant, Environment.CurrentManagedThreadId), published);
    }

    [Fact]
    public async Task WithSeveralPublicationLanes_TheLoopPublishes_SoThatNoReadLoopWaitsForAnotherLanesSends()
    {
        var options = new AlignmentOptions { FramesPerSecond = TwoDevicesRate, LagTime = TimeSpan.FromMilliseconds(60), PublicationThreads = 2 };
        var fixture = new AlignmentFixture(options, (1, TwoDevicesRate), (2, TwoDevicesRate));
        var (first, second) = (new ThreadRecorder(), new ThreadRecorder());
        await using var concentrator = new Concentrator(options, SystemClock.Instance, [first, second]);
        concentrator.SetDevices(fixture.Sources);
        concentrator.Start();
        var instant = InstantAhead();

        concentrator.Place(1, fixture.FrameFor(1, instant), 0, SystemClock.Instance.UtcNowNanoseconds);
        concentrator.Place(2, fixture.FrameFor(2, instant), 0, SystemClock.Instance.UtcNowNanoseconds);

        await Poll.UntilAsync(() => !first.Frames.IsEmpty && !second.Frames.IsEmpty);
        Assert.Equal(instant, Assert.Single(first.Frames).Index);
        Assert.NotEqual(Environment.CurrentManagedThreadId, Assert.Single(first.Frames).Thread);
        Assert.NotEqual(Assert.Single(first.Frames).Thread, Assert.Single(second.Frames).Thread);
    }

    [Fact]
    public async Task AnArrivalWhileAnotherThreadPublishes_DoesNotWait_AndItsInstantFollowsInOrder()
    {
        var recorder = new ThreadRecorder { Hold = new ManualResetEventSlim() };
        var (fixture, started) = StartTwoDevices(recorder);
        await using var concentrator = started;
        var instant = InstantAhead();

        // Device 1 alone: the loop publishes the instant at its deadline, and the consumer holds the loop there.
        concentrator.Place(1, fixture.FrameFor(1, instant), 0, SystemClock.Instance.UtcNowNanoseconds);
        Assert.True(recorder.Entered.Wait(TimeSpan.FromSeconds(10)));
        var loopThread = Assert.Single(recorder.Frames).Thread;

        // The next instant completes meanwhile: placing returns at once rather than wait for the loop.
        var placing = Task.Run(() =>
        {
            concentrator.Place(1, fixture.FrameFor(1, instant + 1), 0, SystemClock.Instance.UtcNowNanoseconds);
            concentrator.Place(2, fixture.FrameFor(2, instant + 1), 0, SystemClock.Instance.UtcNowNanoseconds);
        });
        await placing.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(recorder.Frames);

        recorder.Hold.Set();
        await Poll.UntilAsync(() => recorder.Frames.Count == 2);
        Assert.Equal([(instant, loopThread), (instant + 1, loopThread)], recorder.Frames);
        Assert.NotEqual(Environment.CurrentManagedThreadId, loopThread);
    }

    [Fact]
    public async Task AnInstantThatWillNotComplete_IsPublishedAtItsDeadline_EvenWhileTheLoopIdles()
    {
        // The loop idles for a minute when nothing waits: only a wake-up at the placement publishes the instant
        // within the five seconds below, however busy the machine.
        const int rate = TwoDevicesRate;
        var options = new AlignmentOptions { FramesPerSecond = rate, LagTime = TimeSpan.FromMilliseconds(10) };
        var fixture = new AlignmentFixture(options, (1, rate), (2, rate));
        var published = new BlockingCollection<(long Index, PublicationReason Reason)>();
        var consumer = new Consumer(f => published.Add((f.ReportIndex, f.Reason)));
        await using var concentrator = new Concentrator(options, SystemClock.Instance, [consumer]) { IdleWait = TimeSpan.FromMinutes(1) };
        concentrator.SetDevices(fixture.Sources);
        concentrator.Start();
        await Task.Delay(200);

        var instant = new ReportGrid(rate).AtOrBefore(SystemClock.Instance.UtcNowNanoseconds) + 2;
        concentrator.Place(1, fixture.FrameFor(1, instant), 0, SystemClock.Instance.UtcNowNanoseconds);

        Assert.True(published.TryTake(out var first, TimeSpan.FromSeconds(5)), "the idle loop was not woken for the deadline");
        Assert.Equal((instant, PublicationReason.LagTimeExpired), first);
    }

    private sealed class Consumer(Action<AlignedFrame> publish) : IAlignedFrameConsumer
    {
        public void Publish(AlignedFrame frame) => publish(frame);
    }

    /// <summary>An instant 300 ms ahead (within the lead time), so that a held-up test thread still places before its deadline.</summary>
    private static long InstantAhead() =>
        new ReportGrid(TwoDevicesRate).AtOrBefore(SystemClock.Instance.UtcNowNanoseconds) + (TwoDevicesRate * 3 / 10);

    /// <summary>Records each instant with the thread that published it; with <see cref="Hold"/>, waits in the first call until it is set.</summary>
    private sealed class ThreadRecorder : IAlignedFrameConsumer
    {
        public ConcurrentQueue<(long Index, int Thread)> Frames { get; } = new();

        public ManualResetEventSlim Entered { get; } = new();

        public ManualResetEventSlim? Hold { get; init; }

        public void Publish(AlignedFrame frame)
        {
            Frames.Enqueue((frame.ReportIndex, Environment.CurrentManagedThreadId));
            Entered.Set();
            Hold?.Wait(TimeSpan.FromSeconds(30));
        }
    }

    private const int TwoDevicesRate = 50;

    /// <summary>A running concentrator aligning PMUs 1 and 2 at 50 frames/s with a 60 ms lag time, publishing to <paramref name="recorder"/>.</summary>
    private static (AlignmentFixture Fixture, Concentrator Concentrator) StartTwoDevices(IAlignedFrameConsumer recorder)
    {
        var options = new AlignmentOptions { FramesPerSecond = TwoDevicesRate, LagTime = TimeSpan.FromMilliseconds(60) };
        var fixture = new AlignmentFixture(options, (1, TwoDevicesRate), (2, TwoDevicesRate));
        var concentrator = new Concentrator(options, SystemClock.Instance, [recorder]);
        concentrator.SetDevices(fixture.Sources);
        concentrator.Start();
        return (fixture, concentrator);
    }
}
