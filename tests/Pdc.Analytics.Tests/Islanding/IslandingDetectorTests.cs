using Pdc.Analytics.Islanding;
using Pdc.Analytics.Tests.Support;
using Xunit.Abstractions;

namespace Pdc.Analytics.Tests.Islanding;

/// <summary>Ten PMUs at 60 frames/s; each PMU's voltage angle integrates its frequency's departure from 60 Hz.</summary>
public class IslandingDetectorTests(ITestOutputHelper output)
{
    private const int FramesPerSecond = 60;
    private const int PmuCount = 10;
    private const double Onset = 5;

    [Fact]
    public void GroupRampingAwayAt1HzPerSecond_IsDetectedWithin300ms()
    {
        var sink = new RecordingSink();
        var detector = new IslandingDetector(new IslandingSettings { Groups = { Group("north", "PMU0", "PMU1") } }, sink);
        Run(detector, 10, (pmu, t) => pmu <= 1 && t >= Onset ? 60 + (t - Onset) : 60);

        var island = Assert.Single(sink.Started(DetectorEventType.Islanding));
        output.WriteLine($"islanding reported {1000 * (RecordingSink.SecondsOf(island) - Onset):0} ms after onset");
        Assert.InRange(RecordingSink.SecondsOf(island) - Onset, 0, 0.3);
        Assert.Equal("north", island.Subject);
        Assert.Equal(["PMU0", "PMU1"], island.Pmus);
        Assert.True(island.Value("frequency_difference_hz") >= 0.1);
        Assert.Equal(60, island.Value("reference_frequency_hz"), 0.001);
        Assert.Equal(EventSeverity.Trip, island.Severity);
        Assert.True(detector.IsIslanded("north"));
    }

    [Fact]
    public void SinglePmuRampingDown_IsItsOwnGroupByDefault_AndLeavesTheOthersReference()
    {
        var sink = new RecordingSink();
        var detector = new IslandingDetector(new IslandingSettings(), sink);
        Run(detector, 10, (pmu, t) => pmu == 7 && t >= Onset ? 60 - (t - Onset) : 60);

        // Once islanded, PMU7 drifts far but no longer drags the others' reference with it.
        var island = Assert.Single(sink.Started(DetectorEventType.Islanding));
        Assert.Equal("PMU7", island.Subject);
        Assert.InRange(RecordingSink.SecondsOf(island) - Onset, 0, 0.3);
    }

    [Fact]
    public void GeneratorTrip_AllPmusDippingTogether_IsNotIslanding()
    {
        // Every PMU dips by 0.5 Hz towards a new steady state, the one nearest the lost unit 40 % deeper, with a
        // 0.6 Hz swing on top: PMU0 departs from the others' centre of inertia by up to 0.2 Hz.
        static double Dip(int pmu, double t)
        {
            if (t < Onset)
            {
                return 60;
            }

            var depth = pmu == 0 ? 1.4 : 1.0;
            var swing = (pmu == 0 ? 0.03 : -0.01) * Math.Sin(2 * Math.PI * 0.6 * (t - Onset)) * Math.Exp(-(t - Onset) / 4);
            return 60 - (0.5 * depth * (1 - Math.Exp(-(t - Onset) / 1.5))) + swing;
        }

        var sink = new RecordingSink();
        var blocked = new IslandingDetector(new IslandingSettings(), sink);
        var unblocked = new IslandingDetector(new IslandingSettings { Name = "unblocked", SystemEventShare = 1 }, sink);
        Run([blocked, unblocked], 15, Dip);

        Assert.DoesNotContain(sink.Started(DetectorEventType.Islanding), e => e.Detector == "islanding");
        Assert.True(blocked.CanJudge);

        // Without the common-mode blocking the same frames would have islanded PMU0: the test is not vacuous.
        Assert.Contains(sink.Started(DetectorEventType.Islanding), e => e.Detector == "unblocked" && e.Subject == "PMU0");
    }

    [Fact]
    public void SlowSlip_IsDetectedByTheSteadyAngleDrift()
    {
        var sink = new RecordingSink();
        var detector = new IslandingDetector(new IslandingSettings { Groups = { Group("south", "PMU9") } }, sink);
        Run(detector, 12, (pmu, t) => pmu == 9 && t >= Onset ? 60.05 : 60);

        var island = Assert.Single(sink.Started(DetectorEventType.Islanding));
        Assert.Contains("angle drifts", island.Message, StringComparison.Ordinal);
        Assert.InRange(RecordingSink.SecondsOf(island) - Onset, 1.5, 2.5);
        Assert.True(island.Value("angle_drift_deg") > 30);
    }

    [Fact]
    public void GroupThatResynchronises_EndsAfterTheResetDelay()
    {
        var sink = new RecordingSink();
        var detector = new IslandingDetector(new IslandingSettings { Groups = { Group("north", "PMU0") } }, sink);
        Run(detector, 14, (pmu, t) => pmu == 0 && t is >= Onset and < Onset + 1 ? 60.5 : 60);

        // The slip left the angle displaced: it counts as drifting until the 2 s angle window has passed, then the 2 s reset delay runs.
        var ended = Assert.Single(sink.Ended(DetectorEventType.Islanding));
        Assert.InRange(RecordingSink.SecondsOf(ended), Onset + 1 + 2, Onset + 1 + 2 + 2.2);
        Assert.False(detector.IsIslanded("north"));
    }

    [Fact]
    public void ReferenceInvalid_CannotJudge()
    {
        var sink = new RecordingSink();
        var detector = new IslandingDetector(new IslandingSettings { Groups = { Group("north", "PMU0") } }, sink);
        Run(detector, 8, (pmu, t) => pmu != 0 && t >= Onset ? double.NaN : 60);

        var cannot = Assert.Single(sink.Started(DetectorEventType.CannotJudge));
        Assert.Equal("cannot judge: reference invalid", cannot.Message);
        Assert.InRange(RecordingSink.SecondsOf(cannot) - Onset, 0.15, 0.25);
        Assert.False(detector.CanJudge);
        Assert.Empty(sink.Started(DetectorEventType.Islanding));
    }

    private static IslandingGroupSettings Group(string name, params string[] pmus) => new() { Name = name, Pmus = pmus };

    private static void Run(IslandingDetector detector, double seconds, Func<int, double, double> frequency) =>
        Run([detector], seconds, frequency);

    /// <summary>Runs the frames; a NaN frequency marks the PMU invalid.</summary>
    private static void Run(IslandingDetector[] detectors, double seconds, Func<int, double, double> frequency)
    {
        var grid = new TestGrid(PmuCount, FramesPerSecond);
        var angles = new double[PmuCount];
        var gaussian = new Gaussian(2);
        for (var k = 0; k < seconds * FramesPerSecond; k++)
        {
            var t = grid.Time;
            var frame = grid.Next();
            for (var pmu = 0; pmu < PmuCount; pmu++)
            {
                var hz = frequency(pmu, t);
                if (double.IsNaN(hz))
                {
                    grid.MarkInvalid(pmu);
                    continue;
                }

                hz += 0.002 * gaussian.Next();
                angles[pmu] += 2 * Math.PI * (hz - 60) / FramesPerSecond;
                frame.Frequency[pmu] = (float)hz;
                grid.SetVoltage(pmu, 1000, (float)Math.IEEERemainder(angles[pmu] + (0.1 * pmu), 2 * Math.PI));
            }

            foreach (var detector in detectors)
            {
                detector.Process(frame);
            }
        }
    }
}
