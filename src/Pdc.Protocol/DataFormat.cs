namespace Pdc.Protocol;

/// <summary>The FORMAT word of a PMU in a configuration frame: how its data-frame fields are encoded.</summary>
[Flags]
public enum DataFormat : ushort
{
    /// <summary>Int16 rectangular phasors, int16 analogs, int16 FREQ/DFREQ.</summary>
    None = 0,

    /// <summary>Bit 0: phasors are magnitude and angle rather than real and imaginary.</summary>
    PolarPhasors = 0x1,

    /// <summary>Bit 1: phasors are float32 rather than int16.</summary>
    FloatPhasors = 0x2,

    /// <summary>Bit 2: analogs are float32 rather than int16.</summary>
    FloatAnalogs = 0x4,

    /// <summary>Bit 3: FREQ and DFREQ are float32 (Hz, Hz/s) rather than int16 (mHz deviation, 0.01 Hz/s).</summary>
    FloatFrequency = 0x8,
}
