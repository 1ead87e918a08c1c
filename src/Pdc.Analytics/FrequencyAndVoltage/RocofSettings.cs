namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>
/// Rate of change of frequency of the system frequency (median of the monitored PMUs), smoothed over
/// <see cref="WindowSeconds"/>: by default the frequency difference across the window divided by its length,
/// which is the mean ROCOF over the window and ignores the PMUs' own (noisy) DFREQ.
/// </summary>
public sealed class RocofSettings : IDetectorSettings
{
    public string Name { get; set; } = "rocof";

    /// <summary>PMUs (station name or IDCODE) whose median is judged; empty: every PMU.</summary>
    public IList<string> Pmus { get; set; } = [];

    public int MinimumPmus { get; set; } = 1;

    /// <summary>Operates when |ROCOF| reaches this (Hz/s).</summary>
    public double ThresholdHzPerSecond { get; set; } = 0.5;

    public double WindowSeconds { get; set; } = 0.5;

    public double DelaySeconds { get; set; } = 0.1;

    /// <summary>Resets (and a pickup timer stops) when |ROCOF| falls below this (Hz/s): the hysteresis.</summary>
    public double ResetHzPerSecond { get; set; } = 0.4;

    public double ResetDelaySeconds { get; set; } = 0.5;

    /// <summary>Average the PMUs' reported DFREQ over the window instead of differencing frequency.</summary>
    public bool UseReportedRocof { get; set; }

    public double StaleAfterSeconds { get; set; } = 1.0;

    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck(Name);
        check.Name(Name);
        check.AtLeast(MinimumPmus, 1, nameof(MinimumPmus));
        check.Positive(ThresholdHzPerSecond, nameof(ThresholdHzPerSecond));
        check.Between(WindowSeconds, 0.02, 10, nameof(WindowSeconds));
        check.NotNegative(DelaySeconds, nameof(DelaySeconds));
        check.NotNegative(ResetHzPerSecond, nameof(ResetHzPerSecond));
        check.Ordered(ResetHzPerSecond, nameof(ResetHzPerSecond), ThresholdHzPerSecond, nameof(ThresholdHzPerSecond));
        check.NotNegative(ResetDelaySeconds, nameof(ResetDelaySeconds));
        check.Positive(StaleAfterSeconds, nameof(StaleAfterSeconds));
        return check.Problems;
    }

    public IDetector CreateDetector(IDetectorEventSink sink) => new RocofDetector(this, sink);
}
