using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>
/// One PMU's numeric values as a flat vector for averaging and filtering: phasors as real and imaginary
/// parts (angles wrap, complex parts do not), then FREQ, DFREQ and the analogs.
/// </summary>
internal static class ChannelVector
{
    public static int Length(PmuConfig pmu) => (2 * pmu.Phasors.Count) + 2 + pmu.Analogs.Count;

    public static void Read(DataFrame source, int pmu, Span<double> vector)
    {
        var phasors = source.PhasorsOf(pmu);
        var i = 0;
        foreach (var phasor in phasors)
        {
            vector[i++] = phasor.Real;
            vector[i++] = phasor.Imaginary;
        }

        vector[i++] = source.Frequency[pmu];
        vector[i++] = source.Rocof[pmu];
        foreach (var analog in source.AnalogsOf(pmu))
        {
            vector[i++] = analog;
        }
    }

    public static void Write(ReadOnlySpan<double> vector, DataFrame target, int pmu)
    {
        var phasors = target.PhasorsOf(pmu);
        var i = 0;
        for (var p = 0; p < phasors.Length; p++, i += 2)
        {
            phasors[p] = Phasor.FromRectangular((float)vector[i], (float)vector[i + 1]);
        }

        target.Frequency[pmu] = (float)vector[i++];
        target.Rocof[pmu] = (float)vector[i++];
        var analogs = target.AnalogsOf(pmu);
        for (var a = 0; a < analogs.Length; a++)
        {
            analogs[a] = (float)vector[i++];
        }
    }

    /// <summary>A one-PMU data frame for a converter's output values.</summary>
    public static DataFrame SinglePmuFrame(DeviceSource device) => new(new ConfigFrame(
        FrameType.Config2, ProtocolVersion.Ieee2011, device.IdCode, default, device.TimeBase, [device.Config], (short)device.FramesPerSecond));
}
