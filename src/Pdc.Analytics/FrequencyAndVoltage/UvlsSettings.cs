namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>
/// Under-voltage load shedding per voltage phasor: operate when the voltage stays at or below
/// <see cref="PickupPerUnit"/> for <see cref="DelaySeconds"/>; reset once it recovers above
/// <see cref="ResetPerUnit"/> for <see cref="ResetDelaySeconds"/>.
/// </summary>
public sealed class UvlsSettings : IDetectorSettings
{
    public string Name { get; set; } = "uvls";

    /// <summary>The voltages watched; empty: the first voltage phasor of every PMU, on <see cref="NominalVolts"/>.</summary>
    public IList<VoltageChannelSettings> Voltages { get; set; } = [];

    /// <summary>Base for voltages without their own (phasor units, usually phase-to-neutral RMS volts).</summary>
    public double NominalVolts { get; set; }

    public double PickupPerUnit { get; set; } = 0.90;

    public double DelaySeconds { get; set; } = 3.0;

    /// <summary>A pickup timer stops only once the voltage rises this far above the pickup (hysteresis).</summary>
    public double DropoutMarginPerUnit { get; set; } = 0.01;

    public double ResetPerUnit { get; set; } = 0.95;

    public double ResetDelaySeconds { get; set; } = 2.0;

    public double LoadSharePercent { get; set; } = 10;

    public double StaleAfterSeconds { get; set; } = 1.0;

    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck(Name);
        check.Name(Name);
        if (Voltages.Count == 0)
        {
            check.Positive(NominalVolts, nameof(NominalVolts) + " (needed when Voltages is empty)");
        }
        else
        {
            check.NotNegative(NominalVolts, nameof(NominalVolts));
        }

        for (var i = 0; i < Voltages.Count; i++)
        {
            var voltage = Voltages[i];
            if (string.IsNullOrWhiteSpace(voltage.Pmu))
            {
                check.Fail($"Voltages[{i}].Pmu", "is empty; name the PMU by station name or IDCODE");
            }

            check.NotNegative(voltage.NominalVolts, $"Voltages[{i}].NominalVolts");
            if (voltage.NominalVolts == 0 && !(NominalVolts > 0))
            {
                check.Fail($"Voltages[{i}].NominalVolts", "is 0 and NominalVolts is not set; give the voltage a base");
            }
        }

        check.Between(PickupPerUnit, 0.1, 1.0, nameof(PickupPerUnit));
        check.NotNegative(DelaySeconds, nameof(DelaySeconds));
        check.NotNegative(DropoutMarginPerUnit, nameof(DropoutMarginPerUnit));
        check.Ordered(PickupPerUnit + DropoutMarginPerUnit, nameof(DropoutMarginPerUnit) + " above the pickup", ResetPerUnit + 1e-9, nameof(ResetPerUnit));
        check.NotNegative(ResetDelaySeconds, nameof(ResetDelaySeconds));
        check.Between(LoadSharePercent, 0, 100, nameof(LoadSharePercent));
        check.Positive(StaleAfterSeconds, nameof(StaleAfterSeconds));
        return check.Problems;
    }

    public IDetector CreateDetector(IDetectorEventSink sink) => new UnderVoltageLoadShedding(this, sink);
}
