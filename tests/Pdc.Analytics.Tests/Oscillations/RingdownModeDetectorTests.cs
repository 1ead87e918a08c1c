using Pdc.Analytics.Oscillations;
using Pdc.Analytics.Tests.Support;

namespace Pdc.Analytics.Tests.Oscillations;

public class RingdownModeDetectorTests
{
    private const int FramesPerSecond = 30;
    private const double LeadIn = 15;

    [Fact]
    public void PoorlyDampedRingdown_RaisesATripWithTheMeasuredMode()
    {
        var sink = new RecordingSink();
        Run(sink, damping: 0.02, seconds: 40);

        var trip = Assert.Single(sink.Started(DetectorEventType.PoorlyDampedMode));
        Assert.Equal(EventSeverity.Trip, trip.Severity);
        Assert.Equal(0.5, trip.Value("frequency_hz"), 0.01);
        Assert.Equal(2, trip.Value("damping_percent"), 0.5);
        Assert.Equal(3, trip.Setting("damping_trip_percent"));
        Assert.Contains("PMU0", trip.Pmus);
        Assert.InRange(trip.Confidence, 0.9, 1);
        Assert.Empty(sink.Started(DetectorEventType.GrowingOscillation));
    }

    [Fact]
    public void ModeBetweenTripAndAlarm_RaisesAnAlarm()
    {
        var sink = new RecordingSink();
        Run(sink, damping: 0.04, seconds: 30);

        var alarm = Assert.Single(sink.Started(DetectorEventType.PoorlyDampedMode));
        Assert.Equal(EventSeverity.Alarm, alarm.Severity);
        Assert.Equal(4, alarm.Value("damping_percent"), 0.5);
    }

    [Fact]
    public void GrowingOscillation_IsReportedAsGrowing()
    {
        var sink = new RecordingSink();
        Run(sink, damping: -0.01, seconds: 30);

        var growing = Assert.Single(sink.Started(DetectorEventType.GrowingOscillation));
        Assert.Equal(EventSeverity.Trip, growing.Severity);
        Assert.True(growing.Value("damping_percent") < 0);
    }

    [Fact]
    public void AmbientNoiseAlone_RaisesNothing_ThoughModesAreEstimated()
    {
        var sink = new RecordingSink();
        var grid = new TestGrid(1, FramesPerSecond);
        var detector = new RingdownModeDetector(Settings(), sink);
        var noise = new AmbientNoise(0.45, 0.04, FramesPerSecond, 0.01, 9);
        for (var k = 0; k < 600 * FramesPerSecond; k++)
        {
            var frame = grid.Next();
            frame.Frequency[0] = (float)(60 + noise.Next());
            detector.Process(frame);
        }

        Assert.Empty(sink.Events);
        Assert.False(detector.Modes(0).IsEmpty);
        Assert.False(detector.IsRingingDown(0));
    }

    [Fact]
    public void WellDampedRingdown_RaisesNothing()
    {
        var sink = new RecordingSink();
        Run(sink, damping: 0.15, seconds: 30);

        Assert.Empty(sink.Events);
    }

    [Fact]
    public void GapLongerThanAllowed_CannotJudgeUntilItLeavesTheWindow()
    {
        var sink = new RecordingSink();
        var grid = new TestGrid(1, FramesPerSecond);
        var detector = new RingdownModeDetector(Settings(), sink);
        for (var k = 0; k < 40 * FramesPerSecond; k++)
        {
            var t = grid.Time;
            var frame = grid.Next();
            frame.Frequency[0] = (float)(60 + (0.01 * Math.Cos(2 * Math.PI * 0.5 * t)));
            if (t is >= 15 and < 17)
            {
                grid.MarkInvalid(0);
            }

            detector.Process(frame);
            if (t is > 18 and < 26)
            {
                Assert.False(detector.CanJudge);
            }
        }

        var cannot = Assert.Single(sink.Started(DetectorEventType.CannotJudge));
        Assert.Equal("cannot judge: signal invalid or stale in the window", cannot.Message);
        Assert.InRange(RecordingSink.StartSecondsOf(cannot), 15.3, 16.5);
        var ended = Assert.Single(sink.Ended(DetectorEventType.CannotJudge));
        Assert.InRange(RecordingSink.SecondsOf(ended), 26.9, 28.1);
        Assert.True(detector.CanJudge);
    }

    [Fact]
    public void SignalOfAnUnknownPmu_CannotBeJudged()
    {
        var sink = new RecordingSink();
        var grid = new TestGrid(1, FramesPerSecond);
        var settings = Settings();
        settings.Signals[0].Pmu = "NOWHERE";
        var detector = new RingdownModeDetector(settings, sink);
        detector.Process(grid.Next());

        var cannot = Assert.Single(sink.Started(DetectorEventType.CannotJudge));
        Assert.Contains("NOWHERE", cannot.Message, StringComparison.Ordinal);
        Assert.False(detector.CanJudge);
    }

    /// <summary>Ambient noise for <see cref="LeadIn"/> seconds, then a 0.5 Hz ringdown on top of it.</summary>
    [Fact]
    public void FrameRateTooLowForTheWindow_CannotJudgeAndSaysWhy()
    {
        var sink = new RecordingSink();
        var detector = new RingdownModeDetector(Settings(), sink);
        detector.Process(new TestGrid(1, framesPerSecond: 1).Next());

        var cannot = Assert.Single(sink.Started(DetectorEventType.CannotJudge));
        Assert.Equal("cannot judge: the frame rate gives the window too few samples for the model order", cannot.Message);
    }

    private static void Run(RecordingSink sink, double damping, double seconds)
    {
        var grid = new TestGrid(1, FramesPerSecond);
        var detector = new RingdownModeDetector(Settings(), sink);
        var gaussian = new Gaussian(1);
        var sigma = -damping * 2 * Math.PI * 0.5 / Math.Sqrt(1 - (damping * damping));
        for (var k = 0; k < (LeadIn + seconds) * FramesPerSecond; k++)
        {
            var t = grid.Time - LeadIn;
            var frame = grid.Next();
            var ringdown = t < 0 ? 0 : 0.05 * Math.Exp(sigma * t) * Math.Cos(2 * Math.PI * 0.5 * t);
            frame.Frequency[0] = (float)(60 + ringdown + (0.0005 * gaussian.Next()));
            detector.Process(frame);
        }
    }

    private static RingdownSettings Settings() => new()
    {
        Signals = { new SignalSettings { Kind = SignalKind.Frequency, Pmu = "PMU0" } },
        MinimumAmplitude = 0.002,
    };
}
