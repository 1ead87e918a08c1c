namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>Over- and under-frequency alarms on the system frequency (median of the monitored PMUs), relative to nominal.</summary>
public sealed class FrequencyExcursionSettings : IDetectorSettings
{
    public string Name { get; set; } = "frequency";

    /// <summary>PMUs (station name or IDCODE) whose median is judged; empty: every PMU.</summary>
    public IList<string> Pmus { get; set; } = [];

    public int MinimumPmus { get; set; } = 1;

    /// <summary>0 takes FNOM of the first monitored PMU.</summary>
    public double NominalFrequencyHz { get; set; }

    /// <summary>Alarm when frequency is this far above nominal (Hz).</summary>
    public double OverDeviationHz { get; set; } = 0.2;

    /// <summary>Alarm when frequency is this far below nominal (Hz).</summary>
    public double UnderDeviationHz { get; set; } = 0.2;

    public double DelaySeconds { get; set; } = 0.5;

    /// <summary>Resets (and a pickup timer stops) once the deviation falls this much below the setting: the hysteresis.</summary>
    public double ResetMarginHz { get; set; } = 0.05;

    public double ResetDelaySeconds { get; set; } = 1.0;

    public double StaleAfterSeconds { get; set; } = 1.0;

    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck(Name);
        check.Name(Name);
        check.AtLeast(MinimumPmus, 1, nameof(MinimumPmus));
        if (NominalFrequencyHz != 0 && NominalFrequencyHz is not (50 or 60))
        {
            check.Fail(nameof(NominalFrequencyHz), $"is {NominalFrequencyHz}; it must be 50, 60 or 0 (from the configuration)");
        }

        check.Positive(OverDeviationHz, nameof(OverDeviationHz));
        check.Positive(UnderDeviationHz, nameof(UnderDeviationHz));
        check.NotNegative(DelaySeconds, nameof(DelaySeconds));
        check.NotNegative(ResetMarginHz, nameof(ResetMarginHz));
        check.Ordered(ResetMarginHz, nameof(ResetMarginHz), Math.Min(OverDeviationHz, UnderDeviationHz), "the smaller deviation setting");
        check.NotNegative(ResetDelaySeconds, nameof(ResetDelaySeconds));
        check.Positive(StaleAfterSeconds, nameof(StaleAfterSeconds));
        return check.Problems;
    }

    public IDetector CreateDetector(IDetectorEventSink sink) => new FrequencyExcursionDetector(this, sink);
}
