using Pdc.Analytics.Oscillations;
using Pdc.Analytics.Tests.Support;
using Xunit.Abstractions;

namespace Pdc.Analytics.Tests.Oscillations;

/// <summary>
/// Four PMUs with independent ambient noise (AR(2), a 0.45 Hz mode damped 5 %) at 30 frames/s. A forced
/// oscillation at 0.86 Hz enters PMU0 at SNR 0 dB (its power equals the ambient variance), PMU1 at half and
/// PMU2 at a quarter of that amplitude; PMU3 does not see it. The ambient spectrum is learned first (3 min).
/// </summary>
public class ForcedOscillationDetectorTests(ITestOutputHelper output)
{
    private const int FramesPerSecond = 30;
    private const double AmbientDeviation = 0.01;
    private const double Onset = 180;
    private static readonly double[] Shares = [1, 0.5, 0.25, 0];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ForcedOscillationAt0dB_IsDetectedWithin30Seconds_WhereItIsLargest(int seed)
    {
        var sink = new RecordingSink();
        Run(sink, seed, seconds: Onset + 60, stopAt: double.PositiveInfinity);

        var detected = sink.Started(DetectorEventType.ForcedOscillation).First();
        var delay = RecordingSink.SecondsOf(detected) - Onset;
        output.WriteLine($"seed {seed}: detected {delay:0.0} s after onset at {detected.Value("frequency_hz"):0.000} Hz, onset estimated {RecordingSink.StartSecondsOf(detected) - Onset:0.0} s, PMUs {string.Join(", ", detected.Pmus)}");
        Assert.InRange(delay, 0, 30);
        Assert.Equal(0.86, detected.Value("frequency_hz"), 0.06);
        Assert.Equal(["PMU0", "PMU1"], detected.Pmus.Take(2));
        Assert.InRange(RecordingSink.StartSecondsOf(detected), Onset - 9, Onset + 9);
        Assert.True(detected.Value("amplitude") > 0);
        Assert.InRange(detected.Confidence, 0.99, 1);
        Assert.Equal(EventSeverity.Alarm, detected.Severity);
    }

    [Fact]
    public void ThirtyMinutesOfAmbientNoise_RaiseNoDetection()
    {
        var sink = new RecordingSink();
        var detector = Run(sink, seed: 11, seconds: 1800, stopAt: double.NegativeInfinity);

        Assert.Empty(sink.Events);
        Assert.False(detector.IsLearning);
    }

    [Fact]
    public void OscillationThatStops_EndsWithRefinedAmplitudes()
    {
        var sink = new RecordingSink();
        Run(sink, seed: 4, seconds: Onset + 170, stopAt: Onset + 90);

        // The Welch average still holds the oscillation for about K half-overlapping segments, then the end delay runs.
        var ended = Assert.Single(sink.Ended(DetectorEventType.ForcedOscillation));
        Assert.InRange(RecordingSink.SecondsOf(ended), Onset + 90, Onset + 90 + 65);
        Assert.Equal(0.86, ended.Value("frequency_hz"), 0.015);
        var amplitude = AmbientDeviation * Math.Sqrt(2);
        Assert.Equal(amplitude, ended.Value("amplitude_1"), amplitude * 0.25);
        Assert.Equal(amplitude / 2, ended.Value("amplitude_2"), amplitude * 0.25);
    }

    [Fact]
    public void OscillationBelowTheAmplitudeSetting_RaisesNoEvent()
    {
        var sink = new RecordingSink();
        Run(sink, seed: 1, seconds: Onset + 60, stopAt: double.PositiveInfinity, minimumAmplitude: 0.1);

        Assert.Empty(sink.Events);
    }

    private static ForcedOscillationDetector Run(RecordingSink sink, int seed, double seconds, double stopAt, double minimumAmplitude = 0)
    {
        var grid = new TestGrid(Shares.Length, FramesPerSecond);
        var detector = new ForcedOscillationDetector(new ForcedOscillationSettings { MinimumAmplitude = minimumAmplitude }, sink);
        var noise = new AmbientNoise[Shares.Length];
        for (var p = 0; p < noise.Length; p++)
        {
            noise[p] = new AmbientNoise(0.45, 0.05, FramesPerSecond, AmbientDeviation, (seed * 10) + p);
        }

        var amplitude = AmbientDeviation * Math.Sqrt(2);
        for (var k = 0; k < seconds * FramesPerSecond; k++)
        {
            var t = grid.Time;
            var frame = grid.Next();
            var forced = t >= Onset && t < stopAt ? amplitude * Math.Sin(2 * Math.PI * 0.86 * (t - Onset)) : 0;
            for (var p = 0; p < noise.Length; p++)
            {
                frame.Frequency[p] = (float)(60 + noise[p].Next() + (Shares[p] * forced));
            }

            detector.Process(frame);
        }

        return detector;
    }
}
