using Pdc.Protocol;
using Pdc.Streaming.Alignment;

namespace Pdc.Streaming.Tests.Alignment;

/// <summary>
/// Three PMUs over a network that delays (jitter), reorders, duplicates and drops 1% of frames: the output
/// must hold every report instant exactly once, flag a device invalid exactly where its frame did not make
/// it in time, and carry the inputs' values everywhere else.
/// </summary>
public sealed class ImperfectNetworkTests
{
    private const int Rate = 60;
    private const int Instants = 3000;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void JitterReorderDuplicatesAndDrops_EveryInstantOnceWithHonestFlags(int seed)
    {
        var random = new Random(seed);
        var f = new AlignmentFixture(new AlignmentOptions { FramesPerSecond = Rate, LagTime = TimeSpan.FromMilliseconds(80) }, (1, Rate), (2, Rate), (3, Rate));
        var first = AlignmentFixture.Epoch / 1_000_000_000 * Rate;

        // Arrival events: latency 5-60 ms (reordering follows from the jitter), 3% re-sent 0-30 ms later, 1% dropped,
        // and 0.5% held back 150-300 ms, past the lag time, to be late.
        var arrivals = new List<(long Time, ushort Device, long Index)>();
        var dropped = new HashSet<(ushort, long)>();
        for (var k = first; k < first + Instants; k++)
        {
            foreach (ushort device in new ushort[] { 1, 2, 3 })
            {
                if (random.NextDouble() < 0.01)
                {
                    dropped.Add((device, k));
                    continue;
                }

                var latency = random.NextDouble() < 0.005 ? random.Next(150, 300) : random.Next(5, 60);
                var time = AlignmentFixture.TimeOf(k, Rate, latency * 1_000_000L);
                arrivals.Add((time, device, k));
                if (random.NextDouble() < 0.03)
                {
                    arrivals.Add((time + (random.Next(0, 30) * 1_000_000L), device, k));
                }
            }
        }

        var placed = new HashSet<(ushort, long)>();
        var late = new Dictionary<ushort, int> { [1] = 0, [2] = 0, [3] = 0 };
        var published = new List<(long Index, bool[] Arrived, ushort[] Stat, float[] Analogs)>();
        foreach (var (time, device, index) in arrivals.OrderBy(a => a.Time))
        {
            f.Clock.Set(time);
            Collect(f, published);
            switch (f.Deliver(device, index))
            {
                case FrameDisposition.Placed:
                    Assert.True(placed.Add((device, index)));
                    break;
                case FrameDisposition.Late:
                    late[device]++;
                    break;
                case FrameDisposition.Duplicate:
                    Assert.Contains((device, index), placed);
                    break;
                case var other:
                    Assert.Fail($"unexpected {other} for device {device} instant {index}");
                    break;
            }

            Collect(f, published);
        }

        f.Clock.Advance(1_000_000_000);
        Collect(f, published);

        Assert.Equal(Enumerable.Range(0, published.Count).Select(i => published[0].Index + i), published.Select(p => p.Index));
        Assert.True(published[0].Index <= first + 1 && published[^1].Index == first + Instants - 1);
        foreach (var (index, arrived, stat, analogs) in published)
        {
            for (var d = 0; d < 3; d++)
            {
                var device = (ushort)(d + 1);
                Assert.Equal(placed.Contains((device, index)), arrived[d]);
                if (arrived[d])
                {
                    Assert.Equal(0, stat[d]);
                    Assert.Equal(AlignmentFixture.ValueOf(device, index), analogs[d]);
                }
                else
                {
                    Assert.Equal(Stat.DataInvalidBit, stat[d]);
                    Assert.True(float.IsNaN(analogs[d]));
                }
            }
        }

        Assert.All(dropped, drop => Assert.DoesNotContain(drop, placed));
        foreach (var (device, count) in late)
        {
            Assert.Equal(count, f.Buffer.Statistics.Devices[device][FrameDisposition.Late]);
        }

        Assert.True(late.Values.Sum() > 0, "the test should have produced late frames");
    }

    private static void Collect(AlignmentFixture f, List<(long, bool[], ushort[], float[])> published)
    {
        f.Buffer.CollectReady(f.Ready);
        foreach (var frame in f.Ready)
        {
            published.Add((frame.ReportIndex, (bool[])frame.Arrived.Clone(), (ushort[])frame.Values.Stat.Clone(), [.. Enumerable.Range(0, 3).Select(d => frame.Values.AnalogsOf(d)[0])]));
        }

        f.ReleaseAll();
    }
}
