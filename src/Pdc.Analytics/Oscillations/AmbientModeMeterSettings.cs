namespace Pdc.Analytics.Oscillations;

/// <summary>
/// Damping of the dominant electromechanical mode from ambient data: an autoregressive model fitted by
/// Yule-Walker to autocorrelations that forget exponentially over <see cref="WindowSeconds"/>, refitted every
/// <see cref="UpdateIntervalSeconds"/>. The dominant mode is the model's pole in the band with the highest
/// spectral peak.
/// </summary>
public sealed class AmbientModeMeterSettings : IDetectorSettings
{
    public string Name { get; set; } = "ambient-mode-meter";

    public IList<SignalSettings> Signals { get; set; } = [];

    /// <summary>Time constant of the forgetting (minutes of data weigh in).</summary>
    public double WindowSeconds { get; set; } = 300;

    public double UpdateIntervalSeconds { get; set; } = 1;

    /// <summary>Frames are averaged in blocks of floor(frame rate / this) before analysis.</summary>
    public double AnalysisRateHz { get; set; } = 10;

    /// <summary>Autoregressive model order at the analysis rate.</summary>
    public int ModelOrder { get; set; } = 20;

    /// <summary>Time constant of the running mean removed first (slow drift is not a mode).</summary>
    public double DetrendSeconds { get; set; } = 20;

    public double LowestFrequencyHz { get; set; } = 0.1;

    /// <summary>Inter-area modes lie below this, local modes above.</summary>
    public double InterAreaUpperHz { get; set; } = 0.8;

    public double HighestFrequencyHz { get; set; } = 2.0;

    public double DampingAlarmPercent { get; set; } = 5;

    public double DampingTripPercent { get; set; } = 3;

    public double DampingHysteresisPercent { get; set; } = 1;

    public int ConfirmUpdates { get; set; } = 5;

    public double DampingConsistencyPercent { get; set; } = 1;

    /// <summary>No estimate until this much data has been seen.</summary>
    public double MinimumSeconds { get; set; } = 120;

    /// <summary>With no valid sample for this long, or valid data filling less than half the window, it cannot judge.</summary>
    public double StaleAfterSeconds { get; set; } = 5;

    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck(Name);
        check.Name(Name);
        check.Signals(Signals, required: true);

        check.Between(WindowSeconds, 10, 3600, nameof(WindowSeconds));
        check.Between(UpdateIntervalSeconds, 0.05, 600, nameof(UpdateIntervalSeconds));
        check.AnalysisRate(AnalysisRateHz, HighestFrequencyHz);

        check.AtLeast(ModelOrder, 2, nameof(ModelOrder));
        if (ModelOrder > 60)
        {
            check.Fail(nameof(ModelOrder), $"is {ModelOrder}; it must be 60 or less");
        }

        check.Positive(DetrendSeconds, nameof(DetrendSeconds));
        check.Positive(LowestFrequencyHz, nameof(LowestFrequencyHz));
        check.Ordered(LowestFrequencyHz, nameof(LowestFrequencyHz), InterAreaUpperHz, nameof(InterAreaUpperHz));
        check.Ordered(InterAreaUpperHz, nameof(InterAreaUpperHz), HighestFrequencyHz, nameof(HighestFrequencyHz));
        check.Ordered(DampingTripPercent, nameof(DampingTripPercent), DampingAlarmPercent, nameof(DampingAlarmPercent));
        check.NotNegative(DampingTripPercent, nameof(DampingTripPercent));
        check.NotNegative(DampingHysteresisPercent, nameof(DampingHysteresisPercent));
        check.AtLeast(ConfirmUpdates, 1, nameof(ConfirmUpdates));
        check.Positive(DampingConsistencyPercent, nameof(DampingConsistencyPercent));
        check.NotNegative(MinimumSeconds, nameof(MinimumSeconds));
        check.Positive(StaleAfterSeconds, nameof(StaleAfterSeconds));
        return check.Problems;
    }

    public IDetector CreateDetector(IDetectorEventSink sink) => new AmbientModeMeter(this, sink);
}
