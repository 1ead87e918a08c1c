namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>A voltage phasor watched by under-voltage load shedding, with the base its per-unit value is taken on.</summary>
public sealed class VoltageChannelSettings
{
    /// <summary>Station name or IDCODE.</summary>
    public string Pmu { get; set; } = "";

    /// <summary>Phasor name; empty: the PMU's first voltage phasor.</summary>
    public string? Channel { get; set; }

    /// <summary>1.0 per unit in the phasor's own units (usually phase-to-neutral RMS volts); 0 uses <see cref="UvlsSettings.NominalVolts"/>.</summary>
    public double NominalVolts { get; set; }
}
