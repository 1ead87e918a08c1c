namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>
/// Under-frequency load shedding on the system frequency (the median of the monitored PMUs). A stage that
/// operated stays operated until the frequency recovers above its pickup plus <see cref="ResetMarginHz"/> for
/// <see cref="ResetDelaySeconds"/>.
/// </summary>
public sealed class UflsSettings : IDetectorSettings
{
    public string Name { get; set; } = "ufls";

    /// <summary>PMUs (station name or IDCODE) whose median frequency is judged; empty: every PMU.</summary>
    public IList<string> Pmus { get; set; } = [];

    /// <summary>Fewest valid PMUs needed to judge.</summary>
    public int MinimumPmus { get; set; } = 1;

    /// <summary>Nominal frequency; 0 takes FNOM of the first monitored PMU. Chooses the default stages.</summary>
    public double NominalFrequencyHz { get; set; }

    /// <summary>Stages, highest pickup first; empty: <see cref="UflsStageSettings.DefaultsFor"/> the nominal frequency.</summary>
    public IList<UflsStageSettings> Stages { get; set; } = [];

    /// <summary>A pickup timer stops only when frequency rises this far above the pickup (hysteresis against chatter).</summary>
    public double DropoutMarginHz { get; set; } = 0.02;

    public double ResetMarginHz { get; set; } = 0.2;

    public double ResetDelaySeconds { get; set; } = 1.0;

    /// <summary>After this long without enough valid PMUs the detector reports that it cannot judge.</summary>
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

        check.NotNegative(DropoutMarginHz, nameof(DropoutMarginHz));
        check.NotNegative(ResetMarginHz, nameof(ResetMarginHz));
        check.Ordered(DropoutMarginHz, nameof(DropoutMarginHz), ResetMarginHz + 1e-9, nameof(ResetMarginHz));
        check.NotNegative(ResetDelaySeconds, nameof(ResetDelaySeconds));
        check.Positive(StaleAfterSeconds, nameof(StaleAfterSeconds));
        var totalShare = 0.0;
        for (var i = 0; i < Stages.Count; i++)
        {
            var stage = Stages[i];
            var prefix = $"Stages[{i}]";
            check.Between(stage.PickupHz, 40, 70, prefix + ".PickupHz");
            if (NominalFrequencyHz > 0 && stage.PickupHz >= NominalFrequencyHz)
            {
                check.Fail(prefix + ".PickupHz", $"is {stage.PickupHz}; it must be below the nominal {NominalFrequencyHz} Hz");
            }

            if (i > 0 && stage.PickupHz >= Stages[i - 1].PickupHz)
            {
                check.Fail(prefix + ".PickupHz", $"is {stage.PickupHz}; stages must be listed from the highest pickup down");
            }

            check.NotNegative(stage.DelaySeconds, prefix + ".DelaySeconds");
            check.Between(stage.LoadSharePercent, 0, 100, prefix + ".LoadSharePercent");
            totalShare += stage.LoadSharePercent;
        }

        if (totalShare > 100)
        {
            check.Fail("Stages", $"shed {totalShare} % of the load in all; the shares must add up to 100 % or less");
        }

        return check.Problems;
    }

    public IDetector CreateDetector(IDetectorEventSink sink) => new UnderFrequencyLoadShedding(this, sink);
}
