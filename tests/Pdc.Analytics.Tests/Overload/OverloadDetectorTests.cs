using Pdc.Analytics.Overload;
using Pdc.Analytics.Tests.Support;

namespace Pdc.Analytics.Tests.Overload;

public class OverloadDetectorTests
{
    private const int FramesPerSecond = 30;
    private const double Frame = 1.0 / FramesPerSecond;
    private const double Rating = 1000;

    [Fact]
    public void CurrentAboveAlarmAndTripLevels_AlarmsThenTripsAfterTheirDelays()
    {
        // PMU0.I1 at 85 % from 1 s, 105 % from 3 s, back to 70 % at 20 s.
        var sink = new RecordingSink();
        var overload = new OverloadDetector(new OverloadSettings { RatingAmps = Rating }, sink);
        Run(overload, 25, t => t < 1 ? 500 : t < 3 ? 850 : t < 20 ? 1050 : 700);

        var starts = sink.Started(DetectorEventType.Overload).ToList();
        Assert.Equal([EventSeverity.Alarm, EventSeverity.Trip], starts.Select(e => e.Severity));
        Assert.InRange(RecordingSink.SecondsOf(starts[0]), 2 - Frame, 2 + Frame);
        Assert.InRange(RecordingSink.SecondsOf(starts[1]), 13 - Frame, 13 + Frame);
        Assert.Equal(105, starts[1].Value("current_percent"), 1e-3);
        Assert.Equal("PMU0.I1", starts[1].Subject);
        Assert.All(sink.Ended(DetectorEventType.Overload), e => Assert.InRange(RecordingSink.SecondsOf(e), 21 - Frame, 21 + Frame));
        Assert.Equal(2, sink.Ended(DetectorEventType.Overload).Count());
    }

    [Fact]
    public void CurrentJustBelowTheAlarmLevelAfterAlarm_StaysInAlarmWithinTheResetMargin()
    {
        var sink = new RecordingSink();
        var overload = new OverloadDetector(new OverloadSettings { RatingAmps = Rating }, sink);
        Run(overload, 10, t => t < 1 ? 500 : t < 3 ? 850 : 790);

        Assert.Single(sink.Started(DetectorEventType.Overload));
        Assert.Empty(sink.Ended(DetectorEventType.Overload));
    }

    [Theory]
    [InlineData(1.5, 0.0)]
    [InlineData(1.2, 0.8)]
    [InlineData(2.0, 1.0)]
    public void ThermalReplica_TripsAtTheIec60255_149Time(double current, double prior)
    {
        const double Tau = 60;
        const double K = 1.05;
        var sink = new RecordingSink();
        var settings = new OverloadSettings { RatingAmps = Rating, ThermalReplica = true, ThermalTimeConstantSeconds = Tau, ThermalFactorK = K, TripDelaySeconds = 1000, AlarmPercent = 300, TripPercent = 400 };
        var overload = new OverloadDetector(settings, sink);
        var step = 10 * Tau;
        Run(overload, step + (3 * Tau), t => (t < step ? prior : current) * Rating);

        var i = current * Rating;
        var ip = prior * Rating;
        var kib = K * Rating;
        var expected = Tau * Math.Log(((i * i) - (ip * ip)) / ((i * i) - (kib * kib)));
        var trip = Assert.Single(sink.Started(DetectorEventType.ThermalOverload), e => e.Severity == EventSeverity.Trip);
        Assert.InRange(RecordingSink.SecondsOf(trip) - step, expected - Frame, expected + Frame);
        Assert.True(trip.Value("thermal_percent") >= 100);

        var alarm = Assert.Single(sink.Started(DetectorEventType.ThermalOverload), e => e.Severity == EventSeverity.Alarm);
        Assert.True(RecordingSink.SecondsOf(alarm) < RecordingSink.SecondsOf(trip));
        Assert.True(alarm.Value("time_to_trip_s") > 0);
    }

    [Fact]
    public void ThermalReplica_AtTheRatedCurrent_NeverTrips()
    {
        var sink = new RecordingSink();
        var overload = new OverloadDetector(new OverloadSettings { RatingAmps = Rating, ThermalReplica = true, ThermalTimeConstantSeconds = 60, AlarmPercent = 300, TripPercent = 400 }, sink);
        Run(overload, 600, _ => Rating);

        Assert.DoesNotContain(sink.Started(DetectorEventType.ThermalOverload), e => e.Severity == EventSeverity.Trip);
        Assert.Equal(1 / (1.05 * 1.05), overload.ThermalLevel(0), 1e-3);
    }

    [Fact]
    public void CurrentInvalidForLongerThanTheStaleTime_CannotBeJudged()
    {
        var sink = new RecordingSink();
        var overload = new OverloadDetector(new OverloadSettings { RatingAmps = Rating }, sink);
        var grid = new TestGrid(1, FramesPerSecond);
        for (var k = 0; k < 3 * FramesPerSecond; k++)
        {
            var t = grid.Time;
            grid.Next();
            grid.SetCurrent(0, 1, t >= 1 ? float.NaN : 500);
            overload.Process(grid.Frame);
        }

        var cannot = Assert.Single(sink.Started(DetectorEventType.CannotJudge));
        Assert.Equal("cannot judge: current invalid or stale", cannot.Message);
        Assert.False(overload.CanJudge);
    }

    [Fact]
    public void ConfigurationChange_EndsTheOpenAlarmOnce_ThenAlarmsAnew()
    {
        // PMU0.I1 at 85 % from 1 s: alarm at 2 s; at 4 s a third PMU joins (a new configuration), the current unchanged.
        var sink = new RecordingSink();
        var overload = new OverloadDetector(new OverloadSettings { RatingAmps = Rating }, sink);
        var grid = new TestGrid(2, FramesPerSecond);
        RunUntil(overload, grid, 4, 0, t => t < 1 ? 500 : 850);
        var alarm = Assert.Single(sink.Started(DetectorEventType.Overload));
        RunUntil(overload, grid.Reconfigured(3), 7, 0, _ => 850);

        var ended = Assert.Single(sink.Ended(DetectorEventType.Overload));
        Assert.Equal("PMU0.I1", ended.Subject);
        Assert.Equal(alarm.StartUnixNanoseconds, ended.StartUnixNanoseconds);
        Assert.Equal(TestGrid.UnixNanoseconds(4), ended.TimeUnixNanoseconds);
        Assert.Equal(EventEmitter.ConfigurationChanged, ended.Message);

        var realarm = Assert.Single(sink.Started(DetectorEventType.Overload).Except([alarm]));
        Assert.Equal("PMU0.I1", realarm.Subject);
        Assert.InRange(RecordingSink.SecondsOf(realarm), 5 - Frame, 5 + Frame);
        Assert.DoesNotContain(sink.Events, e => e.Type == DetectorEventType.CannotJudge);
    }

    [Fact]
    public void LineMissingFromTheConfiguration_CannotJudgeUntilANewConfigurationHasIt()
    {
        // PMU2.I1 is watched; PMU2 joins at 2 s (a new configuration) and carries 85 % from then on.
        var sink = new RecordingSink();
        var settings = new OverloadSettings { RatingAmps = Rating, Lines = { new LineRatingSettings { Pmu = "PMU2", Channel = "I1" } } };
        var overload = new OverloadDetector(settings, sink);
        var grid = new TestGrid(2, FramesPerSecond);
        RunUntil(overload, grid, 2, 0, _ => 500);
        Assert.False(overload.CanJudge);
        RunUntil(overload, grid.Reconfigured(3), 4, 2, _ => 850);

        var cannot = Assert.Single(sink.Started(DetectorEventType.CannotJudge));
        Assert.Equal("configuration", cannot.Subject);
        Assert.Equal("cannot judge: current 'PMU2' 'I1' is not in the configuration", cannot.Message);
        var ended = Assert.Single(sink.Ended(DetectorEventType.CannotJudge));
        Assert.Equal("configuration", ended.Subject);
        Assert.Equal(TestGrid.UnixNanoseconds(2), ended.TimeUnixNanoseconds);
        Assert.Equal(EventEmitter.ConfigurationChanged, ended.Message);
        Assert.True(overload.CanJudge);
        var alarm = Assert.Single(sink.Started(DetectorEventType.Overload));
        Assert.Equal("PMU2.I1", alarm.Subject);
        Assert.InRange(RecordingSink.SecondsOf(alarm), 3 - Frame, 3 + Frame);
    }

    /// <summary>Runs <paramref name="grid"/>'s frames until <paramref name="seconds"/>, with current I1 of <paramref name="pmu"/> at <paramref name="amps"/>.</summary>
    private static void RunUntil(OverloadDetector detector, TestGrid grid, double seconds, int pmu, Func<double, double> amps)
    {
        while (grid.Time < seconds - (Frame / 2))
        {
            var t = grid.Time;
            grid.Next();
            grid.SetAllPhasors(100);
            grid.SetCurrent(pmu, 1, (float)amps(t));
            detector.Process(grid.Frame);
        }
    }

    private static void Run(OverloadDetector detector, double seconds, Func<double, double> amps)
    {
        var grid = new TestGrid(2, FramesPerSecond);
        for (var k = 0; k < seconds * FramesPerSecond; k++)
        {
            var t = grid.Time;
            grid.Next();
            grid.SetAllPhasors(100);
            grid.SetCurrent(0, 1, (float)amps(t));
            detector.Process(grid.Frame);
        }
    }
}
