using Pdc.Analytics.Numerics;

namespace Pdc.Analytics.Oscillations;

/// <summary>
/// The spectral state of many signals in flat arrays: each signal's last segment of samples, its last K
/// periodograms with their running sum (the Welch average), and its ambient baseline spectrum. Periodograms
/// are normalised so that white noise of variance σ² has σ² in every bin; only ratios matter.
/// </summary>
internal sealed class WelchSpectra
{
    /// <summary>Squared correlation of Hann-windowed segments overlapping by half (Welch, 1967).</summary>
    private const double HannOverlapCorrelationSquared = 0.0278;

    private readonly int signals;
    private readonly int averaged;
    private readonly double framesPerSecond;
    private readonly double slowestBaselineGain;
    private readonly float[] samples;
    private readonly float[] periodograms;
    private readonly double[] sums;
    private readonly double[] baseline;
    private readonly long[] segmentEnds;
    private readonly int[] segmentsDone;
    private readonly int[] baselineCount;
    private readonly double[] hann;
    private readonly double[] real;
    private readonly double[] imaginary;
    private readonly double[] toneCosine;
    private readonly double[] toneSine;
    private readonly double hannPower;
    private readonly double hannSum;
    private readonly Fft fft;

    public WelchSpectra(int signals, int segment, int averaged, double framesPerSecond, double baselineSeconds)
    {
        this.signals = signals;
        this.averaged = averaged;
        this.framesPerSecond = framesPerSecond;
        Segment = segment;
        Hop = segment / 2;
        Bins = (segment / 2) + 1;
        slowestBaselineGain = Math.Min(1, Hop / (baselineSeconds * framesPerSecond));
        samples = new float[signals * segment];
        periodograms = new float[signals * averaged * Bins];
        sums = new double[signals * Bins];
        baseline = new double[signals * Bins];
        segmentEnds = new long[signals * averaged];
        segmentsDone = new int[signals];
        baselineCount = new int[signals];
        hann = new double[segment];
        real = new double[segment];
        imaginary = new double[segment];
        toneCosine = new double[segment];
        toneSine = new double[segment];
        for (var n = 0; n < segment; n++)
        {
            hann[n] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * n / segment));
            hannPower += hann[n] * hann[n];
            hannSum += hann[n];
        }

        fft = new Fft(segment);
    }

    public int Segment { get; }

    public int Hop { get; }

    public int Bins { get; }

    /// <summary>Frames written so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Degrees of freedom of the Welch average of K half-overlapping Hann segments.</summary>
    public double DegreesOfFreedom => 2.0 * averaged / (1 + (2 * HannOverlapCorrelationSquared * (averaged - 1) / averaged));

    public double BinHz => framesPerSecond / Segment;

    public int SegmentsDone(int signal) => segmentsDone[signal];

    public int BaselineCount(int signal) => baselineCount[signal];

    public void Write(int signal, float value) => samples[(signal * Segment) + (int)(Frames % Segment)] = value;

    public void EndFrame() => Frames++;

    /// <summary>
    /// Computes the periodogram of the signal's last segment (mean and linear trend removed, gaps filled with
    /// the mean) into its Welch ring; false, leaving the ring alone, when more than
    /// <paramref name="maximumInvalidShare"/> of the segment is missing.
    /// </summary>
    public bool TryAnalyse(int signal, long now, double maximumInvalidShare)
    {
        var valid = CopySegment(signal);
        if (valid < (1 - maximumInvalidShare) * Segment || valid < 2)
        {
            return false;
        }

        Detrend();
        for (var n = 0; n < Segment; n++)
        {
            real[n] *= hann[n];
            imaginary[n] = 0;
        }

        fft.Transform(real, imaginary);
        var slot = segmentsDone[signal] % averaged;
        var stored = periodograms.AsSpan(((signal * averaged) + slot) * Bins, Bins);
        var sum = sums.AsSpan(signal * Bins, Bins);
        for (var b = 0; b < Bins; b++)
        {
            var power = ((real[b] * real[b]) + (imaginary[b] * imaginary[b])) / hannPower;
            sum[b] += power - stored[b];
            stored[b] = (float)power;
        }

        segmentEnds[(signal * averaged) + slot] = now;
        segmentsDone[signal]++;
        return true;
    }

    /// <summary>The bin between the limits whose averaged-to-baseline ratio is largest, and that ratio.</summary>
    public int PeakRatio(int signal, int lowBin, int highBin, out double ratio)
    {
        var sum = sums.AsSpan(signal * Bins, Bins);
        var ambient = baseline.AsSpan(signal * Bins, Bins);
        var peak = -1;
        ratio = 0;
        for (var b = lowBin; b <= highBin; b++)
        {
            var value = sum[b] / averaged / Math.Max(ambient[b], 1e-300);
            if (value > ratio)
            {
                ratio = value;
                peak = b;
            }
        }

        return peak;
    }

    /// <summary>Folds the newest periodogram into the baseline, except at bins marked in <paramref name="frozen"/>.</summary>
    public void UpdateBaseline(int signal, ReadOnlySpan<bool> frozen)
    {
        var gain = Math.Max(1.0 / (baselineCount[signal] + 1), slowestBaselineGain);
        var slot = (segmentsDone[signal] - 1) % averaged;
        var newest = periodograms.AsSpan(((signal * averaged) + slot) * Bins, Bins);
        var ambient = baseline.AsSpan(signal * Bins, Bins);
        for (var b = 0; b < Bins; b++)
        {
            if (!frozen[b])
            {
                ambient[b] += (newest[b] - ambient[b]) * gain;
            }
        }

        baselineCount[signal]++;
    }

    /// <summary>The peak's frequency refined by a parabola through the log of the averaged spectrum around it.</summary>
    public double RefinedFrequency(int signal, int bin)
    {
        var sum = sums.AsSpan(signal * Bins, Bins);
        var offset = 0.0;
        if (bin > 0 && bin < Bins - 1 && sum[bin - 1] > 0 && sum[bin] > 0 && sum[bin + 1] > 0)
        {
            var left = Math.Log(sum[bin - 1]);
            var centre = Math.Log(sum[bin]);
            var right = Math.Log(sum[bin + 1]);
            var curvature = left - (2 * centre) + right;
            offset = curvature < 0 ? Math.Clamp(0.5 * (left - right) / curvature, -0.5, 0.5) : 0;
        }

        return (bin + offset) * BinHz;
    }

    /// <summary>
    /// Middle of the earliest segment in the Welch ring whose own periodogram already exceeds
    /// <paramref name="singleRatio"/> times the baseline at <paramref name="bin"/>: the onset, to within half a
    /// segment (a segment shows the oscillation once about half of it, Hann-weighted, holds it).
    /// </summary>
    public long EarliestOnset(int signal, int bin, double singleRatio)
    {
        var done = segmentsDone[signal];
        var ambient = Math.Max(baseline[(signal * Bins) + bin], 1e-300);
        var onset = long.MaxValue;
        for (var age = Math.Min(done, averaged) - 1; age >= 0; age--)
        {
            var slot = (done - 1 - age) % averaged;
            var power = periodograms[(((signal * averaged) + slot) * Bins) + bin];
            if (power / ambient >= singleRatio)
            {
                onset = segmentEnds[(signal * averaged) + slot] - (long)(Segment * 0.5e9 / framesPerSecond);
                break;
            }
        }

        return onset;
    }

    /// <summary>Prepares the tone at <paramref name="frequencyHz"/> that <see cref="Amplitude"/> correlates with.</summary>
    public void PrepareTone(double frequencyHz)
    {
        var step = 2 * Math.PI * frequencyHz / framesPerSecond;
        for (var n = 0; n < Segment; n++)
        {
            toneCosine[n] = hann[n] * Math.Cos(step * n);
            toneSine[n] = hann[n] * Math.Sin(step * n);
        }
    }

    /// <summary>Amplitude of the prepared tone in the signal's last segment: 2|Σ w·(x − x̄)·e^(−jωn)| / Σ w.</summary>
    public double Amplitude(int signal)
    {
        if (CopySegment(signal) < 2)
        {
            return 0;
        }

        double c = 0, s = 0;
        for (var n = 0; n < Segment; n++)
        {
            c += real[n] * toneCosine[n];
            s += real[n] * toneSine[n];
        }

        return 2 * Math.Sqrt((c * c) + (s * s)) / hannSum;
    }

    /// <summary>Copies the signal's segment, oldest first, into the work buffer with the mean removed and gaps at 0; returns the valid count.</summary>
    private int CopySegment(int signal)
    {
        var ring = samples.AsSpan(signal * Segment, Segment);
        var start = (int)(Frames % Segment);
        var valid = 0;
        var mean = 0.0;
        for (var n = 0; n < Segment; n++)
        {
            double value = ring[(start + n) % Segment];
            real[n] = value;
            if (!double.IsNaN(value))
            {
                valid++;
                mean += value;
            }
        }

        mean = valid > 0 ? mean / valid : 0;
        for (var n = 0; n < Segment; n++)
        {
            real[n] = double.IsNaN(real[n]) ? 0 : real[n] - mean;
        }

        return valid;
    }

    /// <summary>Removes the least-squares line from the (already centred) work buffer.</summary>
    private void Detrend()
    {
        var centre = (Segment - 1) / 2.0;
        double numerator = 0, denominator = 0;
        for (var n = 0; n < Segment; n++)
        {
            var t = n - centre;
            numerator += t * real[n];
            denominator += t * t;
        }

        var slope = numerator / denominator;
        for (var n = 0; n < Segment; n++)
        {
            real[n] -= slope * (n - centre);
        }
    }
}
