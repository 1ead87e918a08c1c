using System.Globalization;
using System.Text.RegularExpressions;
using Pdc.Protocol;
using Pdc.Testing;

namespace Pdc.Streaming.Tests.Publishing.Support;

/// <summary>
/// Checks what tshark dissected from an output stream against the stream's config and the aligned frames the data
/// came from: CHK good, header fields, stations, and every value to tshark's printed precision plus, for integer
/// formats, half a step of the stream's scaling.
/// </summary>
internal static partial class TsharkOutput
{
    private const double RadiansToDegrees = 180.0 / Math.PI;

    public static void ConfigMatches(PdmlFrame tshark, ConfigFrame stream, FrameType type)
    {
        var at = $"packet {tshark.PacketNumber}";
        Assert.True(tshark.ChecksumGood, $"{at}: tshark says CHK is wrong");
        Assert.Equal((int)type, tshark.FrameType);
        Assert.Equal((int)stream.Version, tshark.Version);
        Assert.Equal(stream.IdCode, tshark.IdCode);
        var stations = tshark.Root.Groups("Station #").ToList();
        Assert.Equal(stream.Pmus.Count, stations.Count);
        for (var p = 0; p < stations.Count; p++)
        {
            var pmu = stream.Pmus[p];
            Assert.Equal(pmu.IdCode, stations[p].Field("synphasor.idcode_data_source").ShowAsInteger);
            Assert.Equal((ulong)pmu.Format, stations[p].Group("Data format in data frame").ValueAsNumber);
            Assert.Equal(pmu.ConfigChangeCount, stations[p].Field("synphasor.conf.cfgcnt").ShowAsInteger);
        }
    }

    public static void DataMatches(PdmlFrame tshark, AlignedSnapshot aligned, ConfigFrame stream, FrameType configType)
    {
        var at = $"packet {tshark.PacketNumber}";
        Assert.True(tshark.ChecksumGood, $"{at}: tshark says CHK is wrong");
        Assert.Equal(0, tshark.FrameType);
        Assert.Equal(stream.IdCode, tshark.IdCode);
        Assert.Equal(aligned.Timestamp.Soc, tshark.Soc);
        Assert.Equal(aligned.Timestamp.FractionOfSecond, tshark.FractionOfSecond);

        // tshark dissects no station when it has no config of the frame's size: the count proves it used ours.
        var stations = tshark.Root.Groups("Station: ").ToList();
        Assert.Equal(stream.Pmus.Count, stations.Count);
        var source = aligned.Values;
        for (var p = 0; p < stations.Count; p++)
        {
            var pmu = stream.Pmus[p];
            var s = ReceivedValues.IndexOf(source.Config, pmu.IdCode);
            var where = $"{at} {pmu.StationName}";
            var station = stations[p];
            Assert.Equal(pmu.StationName, Quoted(station.Show).TrimEnd(' ', '\0'));
            var stat = stream.Version == ProtocolVersion.Ieee2005 ? source.Stat[s] & ~0x03C0 : source.Stat[s];
            Assert.Equal((ulong)stat, station.Group("Flags").ValueAsNumber);
            PhasorsMatch(station, source, s, pmu, where);
            FrequencyMatches(station, pmu, source.Frequency[s], source.Rocof[s], where);
            AnalogsMatch(station, source, s, pmu, configType, where);
            var firstLabels = source.Config.Pmus[s].Digitals.Select(d => d.Labels[0]).ToList();
            var expectedDigitals = pmu.Digitals.Select(d => source.DigitalsOf(s)[firstLabels.IndexOf(d.Labels[0])]);
            Assert.Equal(expectedDigitals.Select(d => $"0x{d:x4}"), station.All("synphasor.digital_status_word").Select(f => f.Show));
        }
    }

    private static void PhasorsMatch(PdmlField station, DataFrame source, int s, PmuConfig pmu, string at)
    {
        var lines = station.All("synphasor.phasor").Select(f => PdmlPhasor.Parse(f.ShowName)).ToList();
        Assert.Equal(pmu.Phasors.Select(c => c.Name), lines.Select(l => l.Name.TrimEnd(' ', '\0')));
        var sourceNames = source.Config.Pmus[s].Phasors.Select(c => c.Name).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var channel = pmu.Phasors[i];
            var expected = source.PhasorsOf(s)[sourceNames.IndexOf(channel.Name)];
            var line = lines[i];
            var where = $"{at} phasor {channel.Name}";
            Assert.Equal(channel.Kind == PhasorKind.Voltage ? 'V' : 'A', line.Unit);

            // What the stream sent: float32 as the encoder computes it (tshark prints it at its precision), or an
            // integer within half a PHUNIT step (and half of 10^-4 rad for an integer angle).
            double Slack(double value) => pmu.FloatPhasors ? 0 : (channel.Scale / 2.0) + (Math.Abs(value) * 1e-6);
            if (pmu.PolarPhasors)
            {
                Printed(line.Magnitude, expected.Magnitude, Slack(expected.Magnitude), $"{where} magnitude");
                Printed(line.AngleDegrees, expected.Angle * RadiansToDegrees, pmu.FloatPhasors ? 0 : 0.5e-4 * RadiansToDegrees * 1.01, $"{where} angle");
            }
            else
            {
                Printed(line.Real, expected.Real, Slack(expected.Real), $"{where} real");
                Printed(line.Imaginary, expected.Imaginary, Slack(expected.Imaginary), $"{where} imaginary");
            }
        }
    }

    private static void FrequencyMatches(PdmlField station, PmuConfig pmu, float frequency, float rocof, string at)
    {
        var rocofLine = station.Field("synphasor.rate_change_frequency");
        if (pmu.FloatFrequency)
        {
            Printed(PrintedNumber.Parse(station.Field("synphasor.actual_frequency_value").Show), frequency, 0, $"{at} FREQ");
            Printed(PrintedNumber.Parse(rocofLine.Show), rocof, 0, $"{at} DFREQ");
            return;
        }

        var match = DeviationLine().Match(station.Field("synphasor.frequency_deviation_from_nominal").ShowName);
        Assert.True(match.Success, $"{at}: unexpected FREQ line");
        Assert.Equal((int)MathF.Round((frequency - pmu.NominalFrequency) * 1000f), int.Parse(match.Groups["mhz"].Value, CultureInfo.InvariantCulture));
        Printed(PrintedNumber.Parse(RocofLine().Match(rocofLine.ShowName).Groups["v"].Value), rocof, 0.005 + 1e-6, $"{at} DFREQ");
    }

    private static void AnalogsMatch(PdmlField station, DataFrame source, int s, PmuConfig pmu, FrameType configType, string at)
    {
        var lines = station.All("synphasor.analog_value").Select(f => AnalogLine().Match(f.ShowName)).ToList();
        Assert.Equal(pmu.Analogs.Select(a => a.Name), lines.Select(l => l.Groups["name"].Value.TrimEnd(' ', '\0')));
        var sourceNames = source.Config.Pmus[s].Analogs.Select(a => a.Name).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var expected = source.AnalogsOf(s)[sourceNames.IndexOf(pmu.Analogs[i].Name)];
            var shown = PrintedNumber.Parse(lines[i].Groups["v"].Value);

            // Integer analogs carry the value rounded: CFG-1/2 show the raw integer, CFG-3 the value scaled by 1.
            var value = pmu.FloatAnalogs ? expected : MathF.Round(expected);
            Printed(shown, value, configType == FrameType.Config3 || pmu.FloatAnalogs ? 0 : 1e-9, $"{at} analog {pmu.Analogs[i].Name}");
        }
    }

    private static void Printed(PrintedNumber printed, double expected, double slack, string what) =>
        Assert.True(printed.Matches(expected, slack), $"{what}: tshark shows {printed}, expected {expected:R} (±{printed.HalfUnit + slack:G3})");

    private static string Quoted(string text) => text[(text.IndexOf('"', StringComparison.Ordinal) + 1)..text.LastIndexOf('"')];

    [GeneratedRegex(@": (?<mhz>-?\d+)mHz \(actual frequency: (?<hz>\S+)Hz\)$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviationLine();

    [GeneratedRegex(@": (?<v>\S+)Hz/s$", RegexOptions.CultureInvariant)]
    private static partial Regex RocofLine();

    [GeneratedRegex(@"^Analog value #\d+: ""(?<name>.*)"", (?<v>\S+)( \(conversion factor: (?<unit>[0-9a-fx]+)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex AnalogLine();
}
