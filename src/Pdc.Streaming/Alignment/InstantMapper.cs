using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>
/// Rate conversion by picking frames: the same rate passes through; a faster input keeps the frame at or
/// before (Last) or nearest to (Nearest) each output instant; a slower input lands on the output instants it
/// coincides with, and the instants between are left missing (no upsampling).
/// </summary>
internal sealed class InstantMapper(int inputRate, int outputRate, bool nearest) : IDownsampler
{
    public long DelayNanoseconds => 0;

    /// <summary>Input and output at one rate: every input instant is its own output instant.</summary>
    public bool IsIdentity => inputRate == outputRate;

    public bool Accept(long inputIndex, DataFrame source, int pmu, out long outputIndex, out DataFrame values, out int valuesPmu)
    {
        values = source;
        valuesPmu = pmu;
        if (inputRate == outputRate)
        {
            outputIndex = inputIndex;
            return true;
        }

        if (inputRate < outputRate)
        {
            outputIndex = inputIndex * outputRate / inputRate;
            return inputIndex * outputRate % inputRate == 0;
        }

        if (nearest)
        {
            outputIndex = RoundDivide(inputIndex * outputRate, inputRate);
            return RoundDivide(outputIndex * inputRate, outputRate) == inputIndex;
        }

        outputIndex = CeilingDivide(inputIndex * outputRate, inputRate);
        return FloorDivide(outputIndex * inputRate, outputRate) == inputIndex;
    }

    internal static long FloorDivide(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;

    internal static long CeilingDivide(long a, long b) => -FloorDivide(-a, b);

    internal static long RoundDivide(long a, long b) => FloorDivide((2 * a) + b, 2 * b);
}
