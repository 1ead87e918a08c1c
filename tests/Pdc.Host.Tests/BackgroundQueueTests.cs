using System.Collections.Concurrent;
using System.Globalization;
using Pdc.Host.Runtime;

namespace Pdc.Host.Tests;

public sealed class BackgroundQueueTests
{
    [Fact]
    public async Task AddingForAHungWriter_NeverWaits_ThenTheQueuedItemsAreWrittenInOrder_AndTheDropsAreCountedAndSaid()
    {
        var released = new ManualResetEventSlim();
        var written = new ConcurrentQueue<string>();
        var queue = new BackgroundQueue<int>(
            5,
            item =>
            {
                // A disk that hangs until released.
                released.Wait(TimeSpan.FromSeconds(30));
                written.Enqueue(item.ToString(CultureInfo.InvariantCulture));
            },
            lost => written.Enqueue($"dropped {lost}"),
            TimeSpan.FromSeconds(10));

        // The writer holds at most one item in the hung write and the queue five: the rest find it full.
        await Task.Run(() =>
        {
            for (var i = 0; i < 10; i++)
            {
                queue.Add(i);
            }
        }).WaitAsync(TimeSpan.FromSeconds(10));

        released.Set();
        await queue.DisposeAsync();

        var items = written.Where(w => !w.StartsWith("dropped", StringComparison.Ordinal)).Select(int.Parse).ToList();
        var said = written.Where(w => w.StartsWith("dropped", StringComparison.Ordinal)).Sum(w => long.Parse(w["dropped ".Length..], CultureInfo.InvariantCulture));
        Assert.True(queue.Dropped >= 4, $"{queue.Dropped} dropped from a full queue of five");
        Assert.Equal(10, items.Count + queue.Dropped);
        Assert.Equal(queue.Dropped, said);
        Assert.Equal(items.Order(), items);
        Assert.Equal(0, items[0]);
    }
}
