using Pdc.Simulation.Time;

namespace Pdc.Simulation.Tests.Signals;

public sealed class ReportScheduleTests
{
    [Theory]
    [InlineData(1, 1_000_000u)]
    [InlineData(10, 1_000_000u)]
    [InlineData(25, 1_000_000u)]
    [InlineData(30, 3_000_000u)]
    [InlineData(60, 3_000_000u)]
    [InlineData(120, 3_000_000u)]
    [InlineData(240, 3_000_000u)]
    [InlineData(7, 7_000_000u)]
    [InlineData(17, 16_777_215u)]
    public void TimeBase_IsAMultipleOfTheRate_AsCloseToMicrosecondsAsPossible(int rate, uint expected)
    {
        var timeBase = ReportSchedule.TimeBaseFor(rate);

        Assert.Equal(expected, timeBase);
        Assert.Equal(0u, timeBase % (uint)rate);
    }

    [Fact]
    public void Instants_AreComputedFromTheirIndex_SoTheyNeverDrift()
    {
        var schedule = new ReportSchedule(30, 3_000_000);
        var start = schedule.IndexAtOrAfter(1_700_000_000_123_456_789);
        var later = start + (30L * 86_400 * 365);

        Assert.Equal(1_700_000_000_133_333_333, schedule.ToUnixNanoseconds(start));
        Assert.Equal(start, schedule.NearestIndex(schedule.ToUnixNanoseconds(start) + 1));
        var stamp = schedule.ToTimestamp(later);
        Assert.Equal(1_700_000_000u + (86_400u * 365), stamp.Soc);
        Assert.Equal(400_000u, stamp.FractionOfSecond);
    }
}
