namespace Pdc.Analytics.Oscillations;

/// <summary>
/// Mode estimation by Matrix Pencil over a sliding window of each signal, updated every
/// <see cref="UpdateIntervalSeconds"/>. Signals are first averaged down to about <see cref="AnalysisRateHz"/>
/// (block means of whole frames, which is the anti-alias filter and cuts the cost of the pencil). Modes are
/// estimated always; damping events come only from ringdowns: windows whose RMS is at least
/// <see cref="TriggerRatio"/> times the signal's ambient RMS (a pencil fitted to ambient noise finds lightly
/// damped "modes" that are not there; the ambient mode meter judges ambient data).
/// </summary>
public sealed class RingdownSettings : IDetectorSettings
{
    public string Name { get; set; } = "ringdown";

    public IList<SignalSettings> Signals { get; set; } = [];

    public double WindowSeconds { get; set; } = 10;

    public double UpdateIntervalSeconds { get; set; } = 1;

    /// <summary>Frames are averaged in blocks of floor(frame rate / this) before analysis.</summary>
    public double AnalysisRateHz { get; set; } = 10;

    /// <summary>The pencil parameter L as a share of the window's samples (1/3 to 1/2 suits noisy data).</summary>
    public double PencilFraction { get; set; } = 1.0 / 3;

    /// <summary>Singular vectors kept: two per oscillatory mode plus one per real pole (offset, trend).</summary>
    public int ModelOrder { get; set; } = 8;

    public double LowestFrequencyHz { get; set; } = 0.1;

    /// <summary>Inter-area modes lie below this, local modes above.</summary>
    public double InterAreaUpperHz { get; set; } = 0.8;

    public double HighestFrequencyHz { get; set; } = 2.0;

    public double DampingAlarmPercent { get; set; } = 5;

    public double DampingTripPercent { get; set; } = 3;

    /// <summary>An alarm clears once the damping is this many percentage points above its level.</summary>
    public double DampingHysteresisPercent { get; set; } = 1;

    /// <summary>Consecutive estimates that must agree before an event starts or ends.</summary>
    public int ConfirmUpdates { get; set; } = 3;

    /// <summary>Consecutive estimates confirming a change must agree in damping within this many percentage points.</summary>
    public double DampingConsistencyPercent { get; set; } = 1;

    /// <summary>A mode raises events only when it carries at least this share of the estimate's oscillatory energy.</summary>
    public double MinimumEnergyShare { get; set; } = 0.05;

    /// <summary>Modes smaller than this (signal units: Hz, degrees, MW, V or A) raise no events.</summary>
    public double MinimumAmplitude { get; set; }

    /// <summary>Estimates whose model explains less than this share of the window's variance raise no events.</summary>
    public double MinimumFitQuality { get; set; } = 0.8;

    /// <summary>A window is a ringdown when its RMS is at least this many times the ambient RMS.</summary>
    public double TriggerRatio { get; set; } = 3;

    /// <summary>Time constant of the ambient RMS: the mean of the window variances outside ringdowns, exponentially forgotten.</summary>
    public double AmbientSeconds { get; set; } = 300;

    /// <summary>Missing samples up to this long are interpolated; a longer gap in the window means cannot judge.</summary>
    public double MaximumGapSeconds { get; set; } = 0.3;

    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck(Name);
        check.Name(Name);
        check.Signals(Signals, required: true);

        check.Between(WindowSeconds, 2, 120, nameof(WindowSeconds));
        check.Between(UpdateIntervalSeconds, 0.05, 60, nameof(UpdateIntervalSeconds));
        check.AnalysisRate(AnalysisRateHz, HighestFrequencyHz);

        check.Between(PencilFraction, 0.1, 0.5, nameof(PencilFraction));
        check.AtLeast(ModelOrder, 2, nameof(ModelOrder));
        if (ModelOrder > 40)
        {
            check.Fail(nameof(ModelOrder), $"is {ModelOrder}; it must be 40 or less");
        }

        if (WindowSeconds * AnalysisRateHz * Math.Min(PencilFraction, 1 - PencilFraction) < ModelOrder)
        {
            check.Fail(nameof(ModelOrder), $"is {ModelOrder}; the window holds too few samples for it (lengthen WindowSeconds or lower ModelOrder)");
        }

        check.Positive(LowestFrequencyHz, nameof(LowestFrequencyHz));
        check.Ordered(LowestFrequencyHz, nameof(LowestFrequencyHz), InterAreaUpperHz, nameof(InterAreaUpperHz));
        check.Ordered(InterAreaUpperHz, nameof(InterAreaUpperHz), HighestFrequencyHz, nameof(HighestFrequencyHz));
        check.Ordered(DampingTripPercent, nameof(DampingTripPercent), DampingAlarmPercent, nameof(DampingAlarmPercent));
        check.NotNegative(DampingTripPercent, nameof(DampingTripPercent));
        check.NotNegative(DampingHysteresisPercent, nameof(DampingHysteresisPercent));
        check.AtLeast(ConfirmUpdates, 1, nameof(ConfirmUpdates));
        check.Positive(DampingConsistencyPercent, nameof(DampingConsistencyPercent));
        check.Between(MinimumEnergyShare, 0, 1, nameof(MinimumEnergyShare));
        check.NotNegative(MinimumAmplitude, nameof(MinimumAmplitude));
        check.Between(MinimumFitQuality, 0, 1, nameof(MinimumFitQuality));
        check.NotNegative(MaximumGapSeconds, nameof(MaximumGapSeconds));
        check.Between(TriggerRatio, 1, 100, nameof(TriggerRatio));
        check.Positive(AmbientSeconds, nameof(AmbientSeconds));
        return check.Problems;
    }

    public IDetector CreateDetector(IDetectorEventSink sink) => new RingdownModeDetector(this, sink);
}
