using Pdc.Analytics.FrequencyAndVoltage;
using Pdc.Analytics.Tests.Support;

namespace Pdc.Analytics.Tests.FrequencyAndVoltage;

public class UnderFrequencyLoadSheddingTests
{
    private const int FramesPerSecond = 60;
    private const double Frame = 1.0 / FramesPerSecond;

    [Fact]
    public void FrequencyDecline_TripsTheStagesInOrderWithTheirDelays()
    {
        // 60 Hz falling at 0.5 Hz/s from t = 1 s: 59.3 at 2.4 s, 58.9 at 3.2 s, 58.5 at 4.0 s; it stops at 58.4.
        var sink = new RecordingSink();
        var ufls = new UnderFrequencyLoadShedding(new UflsSettings(), sink);
        Run(ufls, 8, t => Math.Max(58.4, 60 - (0.5 * Math.Max(0, t - 1))));

        var trips = sink.Started(DetectorEventType.UnderFrequencyLoadShedding).ToList();
        Assert.Equal(["stage 1", "stage 2", "stage 3"], trips.Select(e => e.Subject));
        double[] crossings = [2.4, 3.2, 4.0];
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(RecordingSink.SecondsOf(trips[i]), crossings[i] + 0.2 - Frame, crossings[i] + 0.2 + (2 * Frame));
            Assert.Equal(10, trips[i].Value("load_share_percent"));
            Assert.Equal(0.2, trips[i].Setting("delay_s"));
            Assert.Equal(EventSeverity.Trip, trips[i].Severity);
        }

        Assert.Equal([59.3, 58.9, 58.5], trips.Select(e => e.Setting("pickup_hz")));
    }

    [Fact]
    public void Recovery_ResetsEachStageOnlyAboveItsResetLevelForTheResetDelay()
    {
        // Down to 58.4 Hz (all three trip), back to 59.4 Hz: above 58.9 + 0.2 and 58.5 + 0.2 but below 59.3 + 0.2.
        var sink = new RecordingSink();
        var ufls = new UnderFrequencyLoadShedding(new UflsSettings(), sink);
        Run(ufls, 10, t => t < 1 ? 60 : t < 3 ? 58.4 : t < 7 ? 59.4 : 59.6);

        var resets = sink.Ended(DetectorEventType.UnderFrequencyLoadShedding).ToList();
        Assert.Equal(["stage 2", "stage 3", "stage 1"], resets.Select(e => e.Subject));
        Assert.InRange(RecordingSink.SecondsOf(resets[0]), 4 - Frame, 4 + Frame);
        Assert.InRange(RecordingSink.SecondsOf(resets[2]), 8 - Frame, 8 + Frame);
        Assert.False(ufls.IsOperated(0));
    }

    [Fact]
    public void DipShorterThanTheDelay_DoesNotTrip()
    {
        var sink = new RecordingSink();
        var ufls = new UnderFrequencyLoadShedding(new UflsSettings(), sink);
        Run(ufls, 3, t => t is >= 1 and < 1.15 ? 59.2 : 59.5);

        Assert.Empty(sink.Events);
    }

    [Fact]
    public void OscillationAroundThePickup_KeepsTheTimerRunningWithinTheDropoutMargin()
    {
        // Alternating 59.29 / 59.31 Hz: never above pickup + 0.02 Hz, so the 0.2 s timer is not restarted.
        var sink = new RecordingSink();
        var ufls = new UnderFrequencyLoadShedding(new UflsSettings(), sink);
        var toggle = false;
        Run(ufls, 2, t => t < 1 ? 60 : (toggle = !toggle) ? 59.29 : 59.31);

        var trip = Assert.Single(sink.Started(DetectorEventType.UnderFrequencyLoadShedding));
        Assert.InRange(RecordingSink.SecondsOf(trip), 1.2 - Frame, 1.2 + (2 * Frame));
    }

    [Fact]
    public void FiftyHertzSystem_UsesTheFiftyHertzDefaults()
    {
        var sink = new RecordingSink();
        var ufls = new UnderFrequencyLoadShedding(new UflsSettings(), sink);
        Run(ufls, 3, t => t < 1 ? 50 : 48.6, nominalHz: 50);

        Assert.Equal([49.0, 48.7], sink.Started(DetectorEventType.UnderFrequencyLoadShedding).Select(e => e.Setting("pickup_hz")));
    }

    [Fact]
    public void OnePmuReportingNonsense_CannotMoveTheMedian()
    {
        var sink = new RecordingSink();
        var ufls = new UnderFrequencyLoadShedding(new UflsSettings(), sink);
        var grid = new TestGrid(5, FramesPerSecond);
        for (var k = 0; k < 3 * FramesPerSecond; k++)
        {
            var frame = grid.Next();
            frame.Frequency[2] = 55;
            ufls.Process(frame);
        }

        Assert.Empty(sink.Events);
    }

    [Fact]
    public void AllPmusInvalid_CannotJudgeAfterTheStaleTime()
    {
        var sink = new RecordingSink();
        var ufls = new UnderFrequencyLoadShedding(new UflsSettings(), sink);
        var grid = new TestGrid(3, FramesPerSecond);
        for (var k = 0; k < 4 * FramesPerSecond; k++)
        {
            var t = grid.Time;
            grid.Next();
            if (t is >= 1 and < 2.5)
            {
                for (var pmu = 0; pmu < 3; pmu++)
                {
                    grid.MarkInvalid(pmu);
                }
            }

            ufls.Process(grid.Frame);
        }

        var cannot = Assert.Single(sink.Started(DetectorEventType.CannotJudge));
        Assert.Equal("cannot judge: too few valid PMUs for the system frequency", cannot.Message);
        // Stale one second after the last valid frame (t = 1 s less one frame).
        Assert.InRange(RecordingSink.SecondsOf(cannot), 2 - (2 * Frame), 2 + Frame);
        Assert.InRange(RecordingSink.SecondsOf(Assert.Single(sink.Ended(DetectorEventType.CannotJudge))), 2.5 - Frame, 2.5 + Frame);
        Assert.True(ufls.CanJudge);
    }

    [Fact]
    public void ConfigurationChange_EndsEachTrippedStageOnce_ThenStagesTripAnew()
    {
        // 58.8 Hz from 1 s trips stages 1 and 2; at 3 s a fourth PMU joins (a new configuration) at 60 Hz; from 4 s, 59.2 Hz.
        var sink = new RecordingSink();
        var ufls = new UnderFrequencyLoadShedding(new UflsSettings(), sink);
        var grid = new TestGrid(3, FramesPerSecond);
        RunUntil(ufls, grid, 3, t => t < 1 ? 60 : 58.8);
        var tripped = sink.Started(DetectorEventType.UnderFrequencyLoadShedding).ToList();
        RunUntil(ufls, grid.Reconfigured(4), 6, t => t < 4 ? 60 : 59.2);

        var ended = sink.Ended(DetectorEventType.UnderFrequencyLoadShedding).ToList();
        Assert.Equal(["stage 1", "stage 2"], ended.Select(e => e.Subject));
        Assert.Equal(tripped.Select(e => e.StartUnixNanoseconds), ended.Select(e => e.StartUnixNanoseconds));
        Assert.All(ended, e => Assert.Equal(TestGrid.UnixNanoseconds(3), e.EndUnixNanoseconds));
        Assert.All(ended, e => Assert.Equal(EventEmitter.ConfigurationChanged, e.Message));

        var retrip = Assert.Single(sink.Started(DetectorEventType.UnderFrequencyLoadShedding).Except(tripped));
        Assert.Equal("stage 1", retrip.Subject);
        Assert.InRange(RecordingSink.SecondsOf(retrip), 4.2 - Frame, 4.2 + (2 * Frame));
        Assert.Equal(["PMU0", "PMU1", "PMU2", "PMU3"], retrip.Pmus);
        Assert.True(ufls.IsOperated(0));
    }

    [Fact]
    public void ConfigurationChange_EndsTheOpenCannotJudgeOnce_ThenJudgesTheNewConfiguration()
    {
        // Every PMU invalid from 1 s (cannot judge from 2 s); at 3 s a new configuration with valid PMUs; from 3.5 s, 59.2 Hz.
        var sink = new RecordingSink();
        var ufls = new UnderFrequencyLoadShedding(new UflsSettings(), sink);
        var grid = new TestGrid(3, FramesPerSecond);
        RunUntil(ufls, grid, 3, _ => 60, invalidFrom: 1);
        Assert.False(ufls.CanJudge);
        RunUntil(ufls, grid.Reconfigured(4), 5, t => t < 3.5 ? 60 : 59.2);

        var cannot = Assert.Single(sink.Started(DetectorEventType.CannotJudge));
        var ended = Assert.Single(sink.Ended(DetectorEventType.CannotJudge));
        Assert.Equal("system frequency", ended.Subject);
        Assert.Equal(cannot.StartUnixNanoseconds, ended.StartUnixNanoseconds);
        Assert.Equal(TestGrid.UnixNanoseconds(3), ended.TimeUnixNanoseconds);
        Assert.Equal(EventEmitter.ConfigurationChanged, ended.Message);
        Assert.True(ufls.CanJudge);
        var trip = Assert.Single(sink.Started(DetectorEventType.UnderFrequencyLoadShedding));
        Assert.InRange(RecordingSink.SecondsOf(trip), 3.7 - Frame, 3.7 + (2 * Frame));
    }

    /// <summary>Runs <paramref name="grid"/>'s frames until <paramref name="seconds"/>, every PMU invalid from <paramref name="invalidFrom"/>.</summary>
    private static void RunUntil(UnderFrequencyLoadShedding detector, TestGrid grid, double seconds, Func<double, double> frequency, double invalidFrom = double.PositiveInfinity)
    {
        while (grid.Time < seconds - (Frame / 2))
        {
            var t = grid.Time;
            var frame = grid.Next();
            Array.Fill(frame.Frequency, (float)frequency(t));
            if (t >= invalidFrom)
            {
                Array.Fill(frame.Stat, Pdc.Protocol.Stat.DataInvalidBit);
            }

            detector.Process(frame);
        }
    }

    internal static void Run(IDetector detector, double seconds, Func<double, double> frequency, int nominalHz = 60, int pmus = 3)
    {
        var grid = new TestGrid(pmus, FramesPerSecond, nominalHz);
        for (var k = 0; k < seconds * FramesPerSecond; k++)
        {
            var t = grid.Time;
            var frame = grid.Next();
            var hz = frequency(t);
            Array.Fill(frame.Frequency, (float)hz);
            detector.Process(frame);
        }
    }
}
