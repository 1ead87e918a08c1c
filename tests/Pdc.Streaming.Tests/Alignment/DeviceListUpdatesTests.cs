using Pdc.Streaming.Alignment;
using Pdc.Streaming.Tests.Publishing.Support;

namespace Pdc.Streaming.Tests.Alignment;

public sealed class DeviceListUpdatesTests
{
    private static DeviceSource Device(int i) => new(AlignmentFixture.Pmu((ushort)i), 30, 1_000_000);

    [Fact]
    public async Task AStormOfChanges_IsAppliedAFewTimes_AndTheLastUpdateHasEveryDevice()
    {
        var connected = 0;
        var applied = new List<int>();
        var done = new TaskCompletionSource();
        using var updates = new DeviceListUpdates(
            () => [.. Enumerable.Range(1, Volatile.Read(ref connected)).Select(Device)],
            devices =>
            {
                applied.Add(devices.Count);
                if (devices.Count == 2000)
                {
                    done.TrySetResult();
                }
            },
            TimeSpan.FromMilliseconds(100));

        for (var i = 0; i < 2000; i++)
        {
            Interlocked.Increment(ref connected);
            updates.Request();
        }

        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, applied[0]);
        Assert.Equal(2000, applied[^1]);
        Assert.InRange(applied.Count, 2, 20);
    }

    [Fact]
    public async Task AChangeWhileAGatheredUpdateIsBeingBuilt_IsScheduled_WithoutWaitingForIt()
    {
        using var building = new SemaphoreSlim(0);
        using var release = new ManualResetEventSlim();
        var applied = 0;
        using var updates = new DeviceListUpdates(
            () => [Device(1)],
            _ =>
            {
                // The second update (gathered, on the timer) takes as long as the test says.
                if (Interlocked.Increment(ref applied) == 2)
                {
                    building.Release();
                    release.Wait(TimeSpan.FromSeconds(30));
                }
            },
            TimeSpan.FromMilliseconds(50));

        updates.Request();
        updates.Request();
        Assert.True(await building.WaitAsync(TimeSpan.FromSeconds(10)), "the gathered update never ran");

        // A read loop reporting a change now must not wait for the update being built.
        var request = Task.Run(() => updates.Request());
        var returned = await Task.WhenAny(request, Task.Delay(TimeSpan.FromSeconds(10))) == request;
        Assert.Equal(2, Volatile.Read(ref applied));
        release.Set();
        Assert.True(returned, "Request waited for the update being built");

        // Scheduled, not lost: the change is applied once the update being built is done.
        await Poll.UntilAsync(() => Volatile.Read(ref applied) == 3);
    }

    [Fact]
    public void AChangeAfterAQuietSpell_IsAppliedAtOnce()
    {
        var applied = 0;
        using var updates = new DeviceListUpdates(() => [Device(1)], _ => applied++, TimeSpan.Zero);

        updates.Request();
        updates.Request();

        Assert.Equal(2, applied);
        Assert.Equal(2, updates.Updates);
    }

    [Fact]
    public async Task AnUpdateThatThrows_IsReportedAndDropped_OnTheCallersThreadAndOnTheTimers()
    {
        var errors = new List<string>();
        var calls = 0;
        var reported = new TaskCompletionSource();
        using var updates = new DeviceListUpdates(
            () => [Device(1)],
            _ => throw new ArgumentException($"refused {++calls}"),
            TimeSpan.FromMilliseconds(50),
            e =>
            {
                lock (errors)
                {
                    errors.Add(e.Message);
                    if (errors.Count == 2)
                    {
                        reported.TrySetResult();
                    }
                }
            });

        updates.Request();
        updates.Request();
        await reported.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["refused 1", "refused 2"], errors);
        Assert.Equal(2, updates.Failures);
    }

    [Fact]
    public void AnImmediateRequest_IsAppliedAtOnce_EvenWithinTheInterval()
    {
        var applied = 0;
        using var updates = new DeviceListUpdates(() => [Device(1)], _ => applied++, TimeSpan.FromHours(1));

        updates.Request();
        updates.Request();
        Assert.Equal(1, applied);

        updates.Request(immediately: true);
        Assert.Equal(2, applied);
    }

    [Fact]
    public async Task Disposed_DropsTheUpdateStillDue()
    {
        var applied = 0;
        var updates = new DeviceListUpdates(() => [Device(1)], _ => Interlocked.Increment(ref applied), TimeSpan.FromMilliseconds(50));
        updates.Request();
        updates.Request();
        updates.Dispose();

        await Task.Delay(200);
        Assert.Equal(1, Volatile.Read(ref applied));
    }
}
