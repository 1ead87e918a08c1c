using Pdc.Protocol;

namespace Pdc.Streaming.Tests.Publishing.Support;

/// <summary>
/// Checks a data frame as a subscriber decoded it against the aligned frame it came from, device by IDCODE and
/// channel by name: exactly where the stream sends floats (converted notation computed as the encoder does), to
/// half a step where it sends integers. STAT bit 10 is left to the tests of config changes.
/// </summary>
internal static class ReceivedValues
{
    private const ushort Reserved2005 = 0x03C0;
    private const double FloatRelative = 2e-6;

    public static void Match(AlignedSnapshot aligned, DataFrame received, ProtocolVersion version = ProtocolVersion.Ieee2011)
    {
        var source = aligned.Values;
        Assert.Equal(source.Timestamp, received.Timestamp);
        var config = received.Config;
        for (var p = 0; p < config.Pmus.Count; p++)
        {
            var pmu = config.Pmus[p];
            var s = IndexOf(source.Config, pmu.IdCode);
            var at = $"instant {aligned.ReportIndex}, PMU {pmu.IdCode}";
            var expectedStat = source.Stat[s] & ~Stat.ConfigChangeBit & (version == ProtocolVersion.Ieee2005 ? ~Reserved2005 : 0xFFFF);
            var stat = received.Stat[p] & ~Stat.ConfigChangeBit;
            Assert.True(expectedStat == stat, $"{at}: STAT {stat:X4}, expected {expectedStat:X4}");
            var sourcePmu = source.Config.Pmus[s];
            PhasorsMatch(source, s, sourcePmu, received, p, pmu, at);
            FrequencyMatches(source.Frequency[s], received.Frequency[p], pmu.FloatFrequency, 0.0005, $"{at} FREQ");
            FrequencyMatches(source.Rocof[s], received.Rocof[p], pmu.FloatFrequency, 0.005, $"{at} DFREQ");
            AnalogsMatch(source, s, sourcePmu, received, p, pmu, at);
            var digitals = received.DigitalsOf(p);
            for (var i = 0; i < digitals.Length; i++)
            {
                var w = IndexOf(sourcePmu.Digitals.Select(d => d.Labels[0]), pmu.Digitals[i].Labels[0]);
                Assert.Equal(source.DigitalsOf(s)[w], digitals[i]);
            }
        }
    }

    public static int IndexOf(ConfigFrame config, ushort idCode) => IndexOf(config.Pmus.Select(p => p.IdCode), idCode);

    private static void PhasorsMatch(DataFrame source, int s, PmuConfig sourcePmu, DataFrame received, int p, PmuConfig pmu, string at)
    {
        var phasors = received.PhasorsOf(p);
        for (var i = 0; i < phasors.Length; i++)
        {
            var channel = pmu.Phasors[i];
            var expected = source.PhasorsOf(s)[IndexOf(sourcePmu.Phasors.Select(c => c.Name), channel.Name)];
            var actual = phasors[i];
            var where = $"{at} phasor {channel.Name}";
            if (expected.IsMissing)
            {
                Assert.True(actual.IsMissing, $"{where}: {actual}, expected missing");
                continue;
            }

            // Float: the same float32 arithmetic as the encoder, so exact. Integer: half a step of PHUNIT (or of the angle).
            var step = pmu.FloatPhasors ? 0 : channel.Scale / 2.0;
            if (pmu.PolarPhasors)
            {
                Near(expected.Magnitude, actual.Magnitude, step, $"{where} magnitude");
                Near(expected.Angle, actual.Angle, pmu.FloatPhasors ? 0 : 0.5e-4, $"{where} angle");
            }
            else
            {
                Near(expected.Real, actual.Real, step, $"{where} real");
                Near(expected.Imaginary, actual.Imaginary, step, $"{where} imaginary");
            }
        }
    }

    private static void AnalogsMatch(DataFrame source, int s, PmuConfig sourcePmu, DataFrame received, int p, PmuConfig pmu, string at)
    {
        var analogs = received.AnalogsOf(p);
        for (var i = 0; i < analogs.Length; i++)
        {
            var expected = source.AnalogsOf(s)[IndexOf(sourcePmu.Analogs.Select(c => c.Name), pmu.Analogs[i].Name)];
            if (float.IsNaN(expected))
            {
                Assert.True(float.IsNaN(analogs[i]), $"{at} analog {pmu.Analogs[i].Name}: {analogs[i]}, expected NaN");
                continue;
            }

            Near(expected, analogs[i], pmu.FloatAnalogs ? 0 : 0.5, $"{at} analog {pmu.Analogs[i].Name}");
        }
    }

    private static void FrequencyMatches(float expected, float actual, bool isFloat, double step, string at)
    {
        if (float.IsNaN(expected))
        {
            Assert.True(float.IsNaN(actual), $"{at}: {actual}, expected NaN");
            return;
        }

        Near(expected, actual, isFloat ? 0 : step, at);
    }

    private static void Near(double expected, double actual, double step, string at)
    {
        var tolerance = step == 0 ? 0 : step + (Math.Abs(expected) * FloatRelative);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{at}: {actual}, expected {expected} ± {tolerance}");
    }

    private static int IndexOf<T>(IEnumerable<T> items, T item)
    {
        var index = items.ToList().IndexOf(item);
        Assert.True(index >= 0, $"{item} is not in the aligned frame");
        return index;
    }
}
