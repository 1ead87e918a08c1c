using Pdc.Protocol;
using Pdc.Streaming.Alignment;

namespace Pdc.Streaming.Tests.Alignment;

public sealed class RateConversionTests
{
    private const long Second = AlignmentFixture.Epoch / 1_000_000_000;

    private static AlignmentFixture Fixture(int outputRate, DownsamplingMethod method, params (ushort, int)[] devices) =>
        new(new AlignmentOptions { FramesPerSecond = outputRate, Downsampling = method, LagTime = TimeSpan.FromMilliseconds(50) }, devices);

    /// <summary>Feeds <paramref name="seconds"/> of device 1 at <paramref name="inputRate"/> with analog = <paramref name="signal"/>(t), collecting everything.</summary>
    private static List<(long Index, float Value, float Frequency)> Run(AlignmentFixture f, int inputRate, double seconds, Func<double, double> signal)
    {
        var output = new List<(long, float, float)>();
        var first = Second * inputRate;
        for (var j = first; j < first + (long)(seconds * inputRate); j++)
        {
            f.Clock.Set(AlignmentFixture.TimeOf(j, inputRate, 1_000_000));
            var frame = f.FrameFor(1, j);
            var t = (j - first) / (double)inputRate;
            frame.Analogs[0] = (float)signal(t);
            frame.Frequency[0] = 60f;
            f.Buffer.Place(1, frame, 0, f.Clock.UtcNowNanoseconds);
            f.Buffer.CollectReady(f.Ready);
            output.AddRange(f.Ready.Select(r => (r.ReportIndex, r.Values.AnalogsOf(0)[0], r.Values.Frequency[0])));
            f.ReleaseAll();
        }

        return output;
    }

    [Theory]
    [InlineData(DownsamplingMethod.Nearest)]
    [InlineData(DownsamplingMethod.Last)]
    public void SixtyToThirty_ByPicking_KeepsTheFramesOnTheOutputInstants(DownsamplingMethod method)
    {
        var f = Fixture(30, method, (1, 60));
        var first = Second * 60;
        f.Clock.Set(AlignmentFixture.TimeOf(first + 10, 60, 1_000_000));

        Assert.Equal(FrameDisposition.Placed, f.Deliver(1, first));
        Assert.Equal(FrameDisposition.Buffered, f.Deliver(1, first + 1));
        Assert.Equal(FrameDisposition.Placed, f.Deliver(1, first + 2));

        Assert.Equal([Second * 30, (Second * 30) + 1], f.Collect());
        Assert.Equal(AlignmentFixture.ValueOf(1, first + 2), f.Ready[1].Values.AnalogsOf(0)[0]);
    }

    [Fact]
    public void SlowerInput_IsNotUpsampled_InstantsBetweenAreMissing()
    {
        var f = Fixture(60, DownsamplingMethod.Fir, (1, 60), (2, 30));
        var first60 = Second * 60;
        var first30 = Second * 30;
        for (var k = 0; k < 4; k++)
        {
            f.Clock.Set(AlignmentFixture.TimeOf(first60 + k, 60, 1_000_000));
            f.Deliver(1, first60 + k);
            if (k % 2 == 0)
            {
                f.Deliver(2, first30 + (k / 2));
            }
        }

        f.Clock.Set(AlignmentFixture.TimeOf(first60 + 4, 60, 200_000_000));
        Assert.Equal(4, f.Collect().Count);
        Assert.Equal([true, false, true, false], f.Ready.Select(r => r.Arrived[1]).ToArray());
        Assert.Equal(Stat.DataInvalidBit, f.Ready[1].Values.Stat[1]);
        Assert.Equal(AlignmentFixture.ValueOf(2, first30 + 1), f.Ready[2].Values.AnalogsOf(1)[0]);
    }

    [Fact]
    public void Fir_SixtyToTen_SuppressesWhatWouldAlias_AndPassesSlowSignalsOnTime()
    {
        // 7 Hz at 60/s sampled at 10/s would come out as a full-size 3 Hz wave.
        var picked = Run(Fixture(10, DownsamplingMethod.Nearest, (1, 60)), 60, 20, t => Math.Sin(2 * Math.PI * 7 * t));
        var filtered = Run(Fixture(10, DownsamplingMethod.Fir, (1, 60)), 60, 20, t => Math.Sin(2 * Math.PI * 7 * t));
        Assert.True(picked.Skip(20).Max(p => Math.Abs(p.Value)) > 0.9);
        Assert.True(filtered.Skip(20).Max(p => Math.Abs(p.Value)) < 0.01, $"aliased residue {filtered.Skip(20).Max(p => Math.Abs(p.Value))}");

        // A 1 Hz wave passes at full size with its value at each output instant's true time (linear phase, centred).
        var slow = Run(Fixture(10, DownsamplingMethod.Fir, (1, 60)), 60, 20, t => Math.Sin(2 * Math.PI * 1 * t));
        foreach (var (index, value, frequency) in slow.Skip(20))
        {
            var t = (index - (Second * 10)) / 10.0;
            Assert.Equal(Math.Sin(2 * Math.PI * t), value, 0.02);
            Assert.Equal(60f, frequency, 0.0001f);
        }
    }

    [Fact]
    public void Average_SixtyToTen_IsTheMeanOfThePeriodEndingAtTheInstant()
    {
        var output = Run(Fixture(10, DownsamplingMethod.Average, (1, 60)), 60, 2, t => t * 60);

        // The period ending at output instant m holds input samples 6m-5 .. 6m, whose mean is 6m-2.5.
        var (index, value, _) = output[3];
        var m = index - (Second * 10);
        Assert.Equal((6 * m) - 2.5, value, 0.001);
    }

    [Fact]
    public void FirDesign_HasUnityGainAtDcAndIsSymmetric()
    {
        var taps = FirDownsampler.DesignLowPass(60, 10);

        Assert.Equal(1.0, taps.Sum(), 1e-12);
        Assert.Equal(1, taps.Length % 2);
        for (var i = 0; i < taps.Length / 2; i++)
        {
            Assert.Equal(taps[i], taps[^(i + 1)], 1e-15);
        }
    }
}
