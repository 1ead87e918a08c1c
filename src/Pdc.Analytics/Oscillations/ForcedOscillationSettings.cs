namespace Pdc.Analytics.Oscillations;

/// <summary>
/// Forced-oscillation detection by Welch periodograms: each signal's spectrum, averaged over
/// <see cref="AveragedSegments"/> Hann-windowed segments overlapping by half, is compared bin by bin with its
/// ambient spectrum (an exponential average over <see cref="BaselineSeconds"/> that stops learning at bins
/// where an oscillation is present). The threshold is the chi-square quantile for which noise alone crosses
/// it with <see cref="FalseAlarmProbability"/> per evaluation of a signal, over all its bins (Bonferroni).
/// </summary>
public sealed class ForcedOscillationSettings : IDetectorSettings
{
    public string Name { get; set; } = "forced-oscillation";

    /// <summary>Signals watched; empty: the frequency of every PMU.</summary>
    public IList<SignalSettings> Signals { get; set; } = [];

    /// <summary>Segment length; rounded up to a power of two frames.</summary>
    public double SegmentSeconds { get; set; } = 16;

    public int AveragedSegments { get; set; } = 4;

    public double FalseAlarmProbability { get; set; } = 1e-6;

    public double BaselineSeconds { get; set; } = 300;

    /// <summary>The ambient spectrum is learned this long before any decision.</summary>
    public double LearningSeconds { get; set; } = 120;

    public double LowestFrequencyHz { get; set; } = 0.1;

    /// <summary>Highest frequency searched; 0: up to the Nyquist frequency of the frame rate.</summary>
    public double HighestFrequencyHz { get; set; }

    /// <summary>An oscillation raises an event only when its largest amplitude reaches this (signal units).</summary>
    public double MinimumAmplitude { get; set; }

    /// <summary>How many PMUs, largest amplitude first, an event names.</summary>
    public int ReportedPmus { get; set; } = 3;

    /// <summary>An oscillation ends when no signal has shown it for this long.</summary>
    public double EndAfterSeconds { get; set; } = 20;

    /// <summary>A segment with a larger share of invalid samples is not analysed.</summary>
    public double MaximumInvalidShare { get; set; } = 0.1;

    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck(Name);
        check.Name(Name);
        check.Signals(Signals, required: false);

        check.Between(SegmentSeconds, 1, 600, nameof(SegmentSeconds));
        check.AtLeast(AveragedSegments, 1, nameof(AveragedSegments));
        if (AveragedSegments > 64)
        {
            check.Fail(nameof(AveragedSegments), $"is {AveragedSegments}; it must be 64 or less");
        }

        check.Between(FalseAlarmProbability, 1e-15, 0.1, nameof(FalseAlarmProbability));
        check.Positive(BaselineSeconds, nameof(BaselineSeconds));
        check.NotNegative(LearningSeconds, nameof(LearningSeconds));
        check.Positive(LowestFrequencyHz, nameof(LowestFrequencyHz));
        check.NotNegative(HighestFrequencyHz, nameof(HighestFrequencyHz));
        if (HighestFrequencyHz > 0)
        {
            check.Ordered(LowestFrequencyHz, nameof(LowestFrequencyHz), HighestFrequencyHz, nameof(HighestFrequencyHz));
        }

        check.NotNegative(MinimumAmplitude, nameof(MinimumAmplitude));
        check.AtLeast(ReportedPmus, 1, nameof(ReportedPmus));
        check.Positive(EndAfterSeconds, nameof(EndAfterSeconds));
        check.Between(MaximumInvalidShare, 0, 1, nameof(MaximumInvalidShare));
        return check.Problems;
    }

    public IDetector CreateDetector(IDetectorEventSink sink) => new ForcedOscillationDetector(this, sink);
}
