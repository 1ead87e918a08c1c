namespace Pdc.Streaming.Publishing;

/// <summary>How an output stream writes phasors, FREQ/DFREQ and analogs.</summary>
public enum OutputNumberFormat
{
    /// <summary>As each device sends them (its FORMAT word passes through).</summary>
    Source,

    /// <summary>Float32 for phasors, FREQ/DFREQ and analogs.</summary>
    Float,

    /// <summary>
    /// Int16 (a polar magnitude is unsigned): phasors scaled by PHUNIT, FREQ as the mHz deviation from FNOM, DFREQ
    /// in 0.01 Hz/s, analogs rounded to whole numbers (CFG-1/2 carry no fractional analog scale).
    /// </summary>
    Integer,
}
