using System.Collections.Concurrent;
using Pdc.Streaming.Alignment;

namespace Pdc.Streaming.Tests.Alignment;

public sealed class PublicationLanesTests
{
    private sealed class Recorder(TimeSpan delay) : IAlignedFrameConsumer
    {
        public ConcurrentQueue<(AlignedFrame Frame, int Thread)> Seen { get; } = new();

        public ConcurrentQueue<AlignedFrame> Finished { get; } = new();

        public void Publish(AlignedFrame frame)
        {
            Seen.Enqueue((frame, Environment.CurrentManagedThreadId));
            Thread.Sleep(delay);
            Finished.Enqueue(frame);
        }
    }

    [Fact]
    public void EveryConsumer_GetsEveryFrameInOrder_OnOneThreadOfItsOwnLane_BeforePublishReturns()
    {
        var consumers = Enumerable.Range(0, 7).Select(i => new Recorder(TimeSpan.FromMilliseconds(i % 3 == 1 ? 5 : 0))).ToArray();
        using var lanes = new PublicationLanes(consumers, 3);
        lanes.Start();
        var layout = new OutputLayout(new AlignmentOptions(), [], 0);
        var frames = Enumerable.Range(0, 5).Select(_ => new AlignedFrame(layout)).ToList();

        for (var batch = 0; batch < 4; batch++)
        {
            lanes.Publish(frames);

            // Publish returns only when the slowest lane is done: only then may the frames be released and reused.
            Assert.All(consumers, c => Assert.Equal(frames.Count * (batch + 1), c.Finished.Count));
        }

        Assert.Equal(3, lanes.Count);
        Assert.Equal(0, lanes.ConsumerFailures);
        foreach (var consumer in consumers)
        {
            Assert.Equal(Enumerable.Repeat(frames, 4).SelectMany(f => f), consumer.Seen.Select(s => s.Frame));
            Assert.Single(consumer.Seen.Select(s => s.Thread).Distinct());
        }

        // Consumers i, i + 3, i + 6 share lane i; the three lanes run on three threads, lane 0 on the caller's.
        var threads = consumers.Select(c => c.Seen.First().Thread).ToArray();
        Assert.Equal(3, threads.Distinct().Count());
        Assert.Equal(Environment.CurrentManagedThreadId, threads[0]);
        Assert.Equal(threads[1], threads[4]);
        Assert.NotEqual(threads[1], threads[2]);
    }

    [Fact]
    public void AConsumerThatThrows_IsCountedForEachFrame_AndTheLanesGoOn()
    {
        var recorder = new Recorder(TimeSpan.Zero);
        using var lanes = new PublicationLanes([new Faulty(), new Faulty(), recorder], 2);
        lanes.Start();
        var layout = new OutputLayout(new AlignmentOptions(), [], 0);
        var frames = Enumerable.Range(0, 3).Select(_ => new AlignedFrame(layout)).ToList();

        lanes.Publish(frames);

        Assert.Equal(frames, recorder.Finished);
        Assert.Equal(6, lanes.ConsumerFailures);
        Assert.Equal("Faulty: InvalidOperationException: broken output", lanes.LastConsumerFailure);
    }

    [Fact]
    public void Lanes_AreAtLeastOne_AndNeverMoreThanTheConsumers()
    {
        using var one = new PublicationLanes([new Recorder(TimeSpan.Zero)], 4);
        using var none = new PublicationLanes([], 4);

        Assert.Equal(1, one.Count);
        Assert.Equal(1, none.Count);
    }
}
