using Pdc.Protocol;

namespace Pdc.Simulation.Tests.Support;

/// <summary>
/// A data frame read off the wire equals the signal model's frame for the same instant: exactly where the format
/// is float, and within half a unit of the last place where the format is integer.
/// </summary>
internal static class ModelAssert
{
    public static void Equal(DataFrame expected, DataFrame actual)
    {
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Stat, actual.Stat);
        Assert.Equal(expected.Digitals, actual.Digitals);
        for (var p = 0; p < expected.Config.Pmus.Count; p++)
        {
            var pmu = expected.Config.Pmus[p];
            var at = $"PMU {p + 1}";
            var want = expected.PhasorsOf(p).ToArray();
            var got = actual.PhasorsOf(p).ToArray();
            for (var i = 0; i < want.Length; i++)
            {
                PhasorEqual(pmu, pmu.Phasors[i], want[i], got[i], $"{at} {pmu.Phasors[i].Name}");
            }

            Near(expected.Frequency[p], actual.Frequency[p], pmu.FloatFrequency ? 0 : 0.0005 + 1e-5, $"{at} FREQ");
            Near(expected.Rocof[p], actual.Rocof[p], pmu.FloatFrequency ? 0 : 0.005 + 1e-6, $"{at} DFREQ");
            var wantAnalogs = expected.AnalogsOf(p).ToArray();
            var gotAnalogs = actual.AnalogsOf(p).ToArray();
            for (var i = 0; i < wantAnalogs.Length; i++)
            {
                Near(wantAnalogs[i], gotAnalogs[i], pmu.FloatAnalogs ? 0 : 0.5 + 1e-3, $"{at} {pmu.Analogs[i].Name}");
            }
        }
    }

    private static void PhasorEqual(PmuConfig pmu, PhasorChannel channel, Phasor want, Phasor got, string what)
    {
        // Float phasors travel as they were built; integer ones are rounded to the channel's PHUNIT and to 10^-4 rad.
        var unit = pmu.FloatPhasors ? 0 : (channel.Scale / 2) + (Math.Abs(want.Magnitude) * 1e-6);
        if (pmu.PolarPhasors)
        {
            Near(want.Magnitude, got.Magnitude, unit, $"{what} magnitude");
            Near(want.Angle, got.Angle, pmu.FloatPhasors ? 0 : 0.5e-4 + 1e-6, $"{what} angle");
        }
        else
        {
            Near(want.Real, got.Real, unit, $"{what} real");
            Near(want.Imaginary, got.Imaginary, unit, $"{what} imaginary");
        }
    }

    private static void Near(double want, double got, double tolerance, string what) =>
        Assert.True(Math.Abs(want - got) <= tolerance, $"{what}: the model says {want:R}, the wire {got:R} (allowed ±{tolerance:G3})");
}
