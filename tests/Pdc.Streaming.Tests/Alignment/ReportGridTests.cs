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

    [Fact]
    public void FrameTime_InAnyTimeBase_IsTheExactTimeRoundedToTheNearestNanosecond()
    {
        var cases = from timeBase in TimeBases
                    from soc in Gen.Choose(0, int.MaxValue)
                    from fraction in Gen.Choose(0, 0x00FF_FFFF)
                    select (timeBase, time: FrameTimestamp.Create((uint)soc, (uint)(fraction % timeBase)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var exact = (new BigInteger(c.time.Soc) * 1_000_000_000) + (((new BigInteger(c.time.FractionOfSecond) * 2_000_000_000) + c.timeBase) / (2 * (BigInteger)c.timeBase));
            Assert.Equal((long)exact, c.time.ToUnixNanoseconds(c.timeBase));
        }));
    }

    [Fact]
    public void NearestInstant_InAnyTimeBase_IsTheOneClosestToTheFrameTime()
    {
        var cases = from rate in Gen.Choose(1, 240)
                    from timeBase in TimeBases
                    from soc in Gen.Choose(0, int.MaxValue)
                    from fraction in Gen.Choose(0, 0x00FF_FFFF)
                    select (rate, timeBase, time: FrameTimestamp.Create((uint)soc, (uint)(fraction % timeBase)));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(2000), Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var index = new ReportGrid(c.rate).Nearest(c.time, c.timeBase, out _);

            // In units of 1 / (TIME_BASE × rate) s, the instant nearest (halves rounding up) to the frame time.
            var units = (((BigInteger)c.time.Soc * c.timeBase) + c.time.FractionOfSecond) * c.rate;
            var expected = ((2 * units) + c.timeBase) / (2 * (BigInteger)c.timeBase);
            Assert.Equal((long)expected, index);
        }));
    }
}
