namespace Pdc.Streaming.Publishing;

/// <summary>Whether an output stream writes phasors as magnitude and angle or as real and imaginary parts.</summary>
public enum OutputPhasorNotation
{
    /// <summary>As each device sends them.</summary>
    Source,

    Polar,

    Rectangular,
}
