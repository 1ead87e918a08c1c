using Pdc.Streaming.Ingest;

namespace Pdc.Streaming.Tests.Ingest;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delays_DoubleUpToTheMaximum_EachDrawnFromTheUpperHalf()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), new Random(7));
        var ceilings = new[] { 100, 200, 400, 800, 1000, 1000 };

        foreach (var ceiling in ceilings)
        {
            Assert.InRange(backoff.Next().TotalMilliseconds, ceiling / 2.0, ceiling);
        }
    }

    [Fact]
    public void Delays_AreJittered_SoThatDevicesDroppedTogetherSpreadOut()
    {
        var random = new Random(11);
        var firsts = Enumerable.Range(0, 50)
            .Select(_ => new ReconnectBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), random))
            .Select(b => { b.Next(); return b.Next(); })
            .ToList();

        Assert.True(firsts.Distinct().Count() > 40);
        Assert.InRange(firsts.Max() - firsts.Min(), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Reset_AfterAStreamingConnection_StartsFromTheMinimumAgain()
    {
        var backoff = new ReconnectBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), new Random(3));
        for (var i = 0; i < 5; i++)
        {
            backoff.Next();
        }

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(100), backoff.Ceiling);
    }
}
