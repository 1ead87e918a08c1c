namespace Pdc.Analytics;

public enum DetectorEventType
{
    /// <summary>An input is stale, invalid or absent, so the detector cannot decide; the message says which.</summary>
    CannotJudge,

    /// <summary>A mode's damping ratio is below the alarm or trip setting.</summary>
    PoorlyDampedMode,

    /// <summary>A mode with negative damping: the oscillation grows.</summary>
    GrowingOscillation,

    /// <summary>A sustained oscillation at a frequency the ambient spectrum does not explain.</summary>
    ForcedOscillation,

    Islanding,

    /// <summary>Current above a share of the rating for longer than the delay.</summary>
    Overload,

    /// <summary>The thermal replica (IEC 60255-149) reached its alarm or trip level.</summary>
    ThermalOverload,

    UnderFrequencyLoadShedding,

    UnderVoltageLoadShedding,

    Rocof,

    OverFrequency,

    UnderFrequency,
}
