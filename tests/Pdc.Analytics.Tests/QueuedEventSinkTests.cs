using System.Collections.Concurrent;

namespace Pdc.Analytics.Tests;

public sealed class QueuedEventSinkTests
{
    private static DetectorEvent Event(int number) => new()
    {
        Detector = "rocof",
        Type = DetectorEventType.Rocof,
        Severity = EventSeverity.Alarm,
        Subject = $"event {number}",
        Message = $"event {number}",
    };

    /// <summary>A sink on a disk that hangs: the first write waits until released.</summary>
    private sealed class HungDisk : IDetectorEventSink
    {
        public ManualResetEventSlim Released { get; } = new();

        public ConcurrentQueue<string> Written { get; } = new();

        public void Publish(DetectorEvent detectorEvent)
        {
            Released.Wait(TimeSpan.FromSeconds(30));
            Written.Enqueue(detectorEvent.Subject);
        }
    }

    private sealed class FullDisk : IDetectorEventSink
    {
        public void Publish(DetectorEvent detectorEvent) => throw new IOException("No space left on device");
    }

    [Fact]
    public async Task PublishingToAHungSink_NeverWaits_ThenEveryQueuedEventIsWrittenInOrder_AndTheOverflowIsCounted()
    {
        var disk = new HungDisk();
        var queued = new QueuedEventSink(disk, capacity: 5);

        // The writer holds at most one event in the hung write and the queue five: the rest find it full.
        var publishing = Task.Run(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                queued.Publish(Event(i));
            }
        });
        await publishing.WaitAsync(TimeSpan.FromSeconds(10));

        disk.Released.Set();
        await queued.DisposeAsync();

        var written = disk.Written.ToList();
        Assert.Equal(10, written.Count + queued.Dropped);
        Assert.True(queued.Dropped > 0, "nothing was dropped from a full queue");
        Assert.Equal(written.OrderBy(w => int.Parse(w["event ".Length..], System.Globalization.CultureInfo.InvariantCulture)), written);
        Assert.Equal("event 0", written[0]);
    }

    [Fact]
    public async Task ASinkThatThrows_IsCounted_AndTheNextEventsAreStillTried()
    {
        var queued = new QueuedEventSink(new FullDisk());
        for (var i = 0; i < 3; i++)
        {
            queued.Publish(Event(i));
        }

        await queued.DisposeAsync();

        Assert.Equal(3, queued.Failed);
        Assert.Equal(0, queued.Dropped);
    }
}
