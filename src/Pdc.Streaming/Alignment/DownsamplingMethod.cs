namespace Pdc.Streaming.Alignment;

/// <summary>How a device faster than the output rate is brought down to it.</summary>
public enum DownsamplingMethod
{
    /// <summary>The input frame at, or the last one before, each output instant.</summary>
    Last,

    /// <summary>The input frame nearest to each output instant.</summary>
    Nearest,

    /// <summary>The mean of the input frames in the output period ending at the instant (phasors averaged as complex numbers).</summary>
    Average,

    /// <summary>A linear-phase low-pass FIR at the input rate, sampled at the output instants, so a slow output does not alias.</summary>
    Fir,
}
