namespace Pdc.Analytics;

/// <summary>
/// One signal a detector watches. PMUs are named by station name (STN) or IDCODE; channels by phasor name
/// (CHNAM), or left empty for the PMU's first voltage (first current for <see cref="CurrentChannel"/>).
/// </summary>
public sealed class SignalSettings
{
    public SignalKind Kind { get; set; } = SignalKind.Frequency;

    public string Pmu { get; set; } = "";

    /// <summary>The phasor read for angles, power (the voltage) and magnitudes; empty: the first voltage phasor.</summary>
    public string? Channel { get; set; }

    /// <summary>For <see cref="SignalKind.AngleDifference"/>: the PMU whose angle is subtracted.</summary>
    public string? ReferencePmu { get; set; }

    /// <summary>For <see cref="SignalKind.AngleDifference"/>: the reference phasor; empty: its first voltage phasor.</summary>
    public string? ReferenceChannel { get; set; }

    /// <summary>For <see cref="SignalKind.ActivePower"/>: the current phasor; empty: the PMU's first current phasor.</summary>
    public string? CurrentChannel { get; set; }

    /// <summary>For <see cref="SignalKind.ActivePower"/>: 3 for positive-sequence phasors (three-phase power), 1 for one phase.</summary>
    public int PhaseCount { get; set; } = 3;

    internal void Check(SettingsCheck check, string prefix)
    {
        if (string.IsNullOrWhiteSpace(Pmu))
        {
            check.Fail(prefix + ".Pmu", "is empty; name the PMU by station name or IDCODE");
        }

        if (Kind == SignalKind.AngleDifference && string.IsNullOrWhiteSpace(ReferencePmu))
        {
            check.Fail(prefix + ".ReferencePmu", "is empty; an angle difference needs a reference PMU");
        }

        if (Kind == SignalKind.ActivePower && PhaseCount is not (1 or 3))
        {
            check.Fail(prefix + ".PhaseCount", $"is {PhaseCount}; it must be 1 or 3");
        }
    }
}
