using Pdc.Analytics.Oscillations;
using Pdc.Analytics.Tests.Support;
using Xunit.Abstractions;

namespace Pdc.Analytics.Tests.Oscillations;

/// <summary>Ambient data: AR(2) noise with one electromechanical mode, 30 frames/s, 10 minutes per run.</summary>
public class AmbientModeMeterTests(ITestOutputHelper output)
{
    private const int FramesPerSecond = 30;

    [Fact]
    public void AmbientMode_IsEstimatedWithinTolerance_OverTenSeeds()
    {
        const int Seeds = 10;
        double frequencyError = 0, dampingError = 0;
        for (var seed = 0; seed < Seeds; seed++)
        {
            var (meter, _) = Run(0.45, 0.05, seed, 600);
            var mode = meter.DominantMode(0, OscillationBand.InterArea);
            Assert.NotNull(mode);
            frequencyError += Math.Pow(mode.Value.FrequencyHz - 0.45, 2);
            dampingError += Math.Pow(mode.Value.DampingPercent - 5, 2);
        }

        frequencyError = Math.Sqrt(frequencyError / Seeds);
        dampingError = Math.Sqrt(dampingError / Seeds);
        output.WriteLine($"0.45 Hz, 5 % mode after 10 min: frequency RMS {frequencyError:0.0000} Hz, damping RMS {dampingError:0.00} pp");
        Assert.True(frequencyError <= 0.01, $"frequency RMS {frequencyError}");
        Assert.True(dampingError <= 1.5, $"damping RMS {dampingError}");
    }

    [Fact]
    public void PoorlyDampedAmbientMode_RaisesATrip()
    {
        var (_, sink) = Run(0.6, 0.015, seed: 3, seconds: 400);

        var trip = Assert.Single(sink.Started(DetectorEventType.PoorlyDampedMode));
        Assert.Equal(EventSeverity.Trip, trip.Severity);
        Assert.Equal(0.6, trip.Value("frequency_hz"), 0.02);
        Assert.True(RecordingSink.StartSecondsOf(trip) >= 120, "no estimate before the minimum data");
        Assert.InRange(trip.Confidence, 0.99, 1);
    }

    [Fact]
    public void WellDampedAmbientMode_RaisesNothing()
    {
        var (meter, sink) = Run(0.45, 0.12, seed: 4, seconds: 400);

        Assert.Empty(sink.Events);
        Assert.NotNull(meter.DominantMode(0, OscillationBand.InterArea));
    }

    [Fact]
    public void LostSignal_CannotBeJudged()
    {
        var sink = new RecordingSink();
        var grid = new TestGrid(1, FramesPerSecond);
        var meter = new AmbientModeMeter(Settings(), sink);
        var noise = new AmbientNoise(0.45, 0.1, FramesPerSecond, 0.01, 5);
        for (var k = 0; k < 200 * FramesPerSecond; k++)
        {
            var t = grid.Time;
            var frame = grid.Next();
            frame.Frequency[0] = (float)(60 + noise.Next());
            if (t >= 150)
            {
                grid.MarkInvalid(0);
            }

            meter.Process(frame);
        }

        var cannot = Assert.Single(sink.Started(DetectorEventType.CannotJudge));
        Assert.InRange(RecordingSink.StartSecondsOf(cannot), 155, 157);
        Assert.Null(meter.DominantMode(0, OscillationBand.InterArea));
    }

    private static (AmbientModeMeter Meter, RecordingSink Sink) Run(double modeHz, double damping, int seed, double seconds)
    {
        var sink = new RecordingSink();
        var grid = new TestGrid(1, FramesPerSecond);
        var meter = new AmbientModeMeter(Settings(), sink);
        var noise = new AmbientNoise(modeHz, damping, FramesPerSecond, 0.01, seed);
        for (var k = 0; k < seconds * FramesPerSecond; k++)
        {
            var frame = grid.Next();
            frame.Frequency[0] = (float)(60 + noise.Next());
            meter.Process(frame);
        }

        return (meter, sink);
    }

    private static AmbientModeMeterSettings Settings() => new()
    {
        Signals = { new SignalSettings { Kind = SignalKind.Frequency, Pmu = "PMU0" } },
    };
}
