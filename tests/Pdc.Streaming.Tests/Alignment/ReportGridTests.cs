using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;

namespace Pdc.Streaming.Tests.Alignment;

/// <summary>The integer time arithmetic of frame times and report instants is exact, in any TIME_BASE.</summary>
public sealed class ReportGridTests
{
    private static readonly Gen<uint> TimeBases = Gen.OneOf(Gen.Constant(1_000_000u), Gen.Choose(1, 0x00FF_FFFF).Select(t => (uint)t));

    // Any SOC a uint holds, past 2038 too.
    private static readonly Gen<uint> Socs = from high in Gen.Choose(0, int.MaxValue) from low in Gen.Choose(0, 1) select ((uint)high * 2) + (uint)low;

    [Fact]
    public void FrameTime_InAnyTimeBase_IsTheExactTimeRoundedToTheNearestNanosecond()
    {
        var cases = from timeBase in TimeBases
                    from soc in Socs
                    from fraction in Gen.Choose(0, 0x00FF_FFFF)
                    select (timeBase, time: FrameTimestamp.Create(soc, (uint)(fraction % timeBase)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var exact = (new BigInteger(c.time.Soc) * 1_000_000_000) + (((new BigInteger(c.time.FractionOfSecond) * 2_000_000_000) + c.timeBase) / (2 * (BigInteger)c.timeBase));
            Assert.Equal((long)exact, c.time.ToUnixNanoseconds(c.timeBase));
        }));
    }

    [Fact]
    public void NearestInstant_InAnyTimeBase_IsTheOneClosestToTheFrameTime_AndTheOffsetIsExact()
    {
        // Frames mostly sit on an instant, or a tick either side of one, or halfway between two: the cases where
        // rounding and the on-grid shortcut matter; any fraction otherwise.
        var cases = from rate in Gen.Choose(1, 240)
                    from timeBase in TimeBases
                    from soc in Socs
                    from within in Gen.Choose(0, rate - 1)
                    from place in Gen.Elements(-1.0, 0.0, 1.0, 0.5, double.NaN)
                    from any in Gen.Choose(0, 0x00FF_FFFF)
                    let onGrid = (long)within * timeBase / rate
                    let half = (long)timeBase / (2 * rate)
                    let fraction = double.IsNaN(place) ? any % timeBase : Math.Clamp(onGrid + (place == 0.5 ? half : (long)place), 0, timeBase - 1)
                    select (rate, timeBase, time: FrameTimestamp.Create(soc, (uint)fraction));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(3000), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var index = new ReportGrid(c.rate).Nearest(c.time, c.timeBase, out var offset);

            // In units of 1 / (TIME_BASE × rate) s the frame time is exact: the instant below it, or the one above
            // when the frame is at least halfway there, and the offset truncated to whole nanoseconds.
            var units = (((BigInteger)c.time.Soc * c.timeBase) + c.time.FractionOfSecond) * c.rate;
            var below = BigInteger.DivRem(units, c.timeBase, out var rest);
            var expected = below + (2 * rest >= c.timeBase ? 1 : 0);
            Assert.Equal((long)expected, index);
            Assert.Equal((long)((units - (expected * c.timeBase)) * 1_000_000_000 / ((BigInteger)c.timeBase * c.rate)), offset);
        }));
    }
}
