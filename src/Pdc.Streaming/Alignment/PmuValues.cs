using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>Copies and marks one PMU's block of values between data frames with the same channel counts.</summary>
internal static class PmuValues
{
    public static bool SameShape(DataFrame a, int pmuA, DataFrame b, int pmuB) =>
        a.PhasorStart[pmuA + 1] - a.PhasorStart[pmuA] == b.PhasorStart[pmuB + 1] - b.PhasorStart[pmuB]
        && a.AnalogStart[pmuA + 1] - a.AnalogStart[pmuA] == b.AnalogStart[pmuB + 1] - b.AnalogStart[pmuB]
        && a.DigitalStart[pmuA + 1] - a.DigitalStart[pmuA] == b.DigitalStart[pmuB + 1] - b.DigitalStart[pmuB];

    public static void Copy(DataFrame source, int sourcePmu, DataFrame target, int targetPmu)
    {
        target.Stat[targetPmu] = source.Stat[sourcePmu];
        target.Frequency[targetPmu] = source.Frequency[sourcePmu];
        target.Rocof[targetPmu] = source.Rocof[sourcePmu];
        source.PhasorsOf(sourcePmu).CopyTo(target.PhasorsOf(targetPmu));
        source.AnalogsOf(sourcePmu).CopyTo(target.AnalogsOf(targetPmu));
        source.DigitalsOf(sourcePmu).CopyTo(target.DigitalsOf(targetPmu));
    }

    /// <summary>Absent data: STAT bit 15 and NaN everywhere a value can say so.</summary>
    public static void MarkMissing(DataFrame target, int pmu)
    {
        target.Stat[pmu] = Stat.DataInvalidBit;
        target.Frequency[pmu] = float.NaN;
        target.Rocof[pmu] = float.NaN;
        target.PhasorsOf(pmu).Fill(Phasor.Missing);
        target.AnalogsOf(pmu).Fill(float.NaN);
        target.DigitalsOf(pmu).Clear();
    }
}
