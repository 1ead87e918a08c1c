using System.Globalization;
using System.Text.RegularExpressions;
using Pdc.Testing;

namespace Pdc.Protocol.Tests.Support;

/// <summary>
/// Checks a data frame that we decoded (or encoded) against every value tshark prints for it, at tshark's printed
/// precision. Where tshark computes in double and we keep float32 engineering units (integer phasors and FREQ
/// scaled to V, A, Hz), a few float32 rounding steps are allowed on top; float fields must match exactly.
/// Values we mark absent (0x8000 in an integer field, NaN to us) tshark shows as the raw sentinel.
/// </summary>
internal static partial class TsharkDataAssert
{
    private const double RadiansToDegrees = 180.0 / Math.PI;

    /// <summary>Float32 relative error of a value scaled from an integer (a few rounding steps).</summary>
    private const double FloatRelative = 1e-6;

    public static void Matches(PdmlFrame tshark, DataFrame ours)
    {
        var at = $"packet {tshark.PacketNumber}";
        Assert.True(tshark.ChecksumGood, $"{at}: tshark says CHK is wrong");
        Expect.Equal(0, tshark.FrameType, $"{at} frame type");
        Expect.Equal(ours.Timestamp.Soc, tshark.Soc, $"{at} SOC");
        Expect.Equal(ours.Timestamp.FractionOfSecond, tshark.FractionOfSecond, $"{at} FRACSEC");
        Expect.Equal(ours.Timestamp.TimeQuality.Value, tshark.TimeQuality, $"{at} time quality");

        // tshark leaves a data frame undissected when its config is unknown or of another size: no stations then.
        var stations = tshark.Root.Groups("Station: ").ToList();
        Expect.Equal(ours.Config.Pmus.Count, stations.Count, $"{at} PMU blocks dissected");
        for (var p = 0; p < stations.Count; p++)
        {
            StationMatches(stations[p], ours, p, $"{at} PMU {p + 1}");
        }
    }

    private static void StationMatches(PdmlField station, DataFrame ours, int p, string at)
    {
        var pmu = ours.Config.Pmus[p];
        Expect.Equal(pmu.StationName, Quoted(station.Show).TrimEnd(' ', '\0'), $"{at} station name");
        Expect.Equal((ulong)ours.Stat[p], station.Group("Flags").ValueAsNumber, $"{at} STAT");

        var phasorLines = station.All("synphasor.phasor").ToList();
        Expect.Equal(pmu.Phasors.Count, phasorLines.Count, $"{at} phasor count");
        var phasors = ours.PhasorsOf(p);
        for (var i = 0; i < phasorLines.Count; i++)
        {
            PhasorMatches(PdmlPhasor.Parse(phasorLines[i].ShowName), phasors[i], pmu, pmu.Phasors[i], ours.Config.Type, $"{at} phasor {i + 1}");
        }

        FrequencyMatches(station, pmu, ours.Frequency[p], ours.Rocof[p], at);

        var analogLines = station.All("synphasor.analog_value").ToList();
        Expect.Equal(pmu.Analogs.Count, analogLines.Count, $"{at} analog count");
        var analogs = ours.AnalogsOf(p);
        for (var i = 0; i < analogLines.Count; i++)
        {
            AnalogMatches(analogLines[i].ShowName, analogs[i], pmu, pmu.Analogs[i], ours.Config.Type, $"{at} analog {i + 1}");
        }

        var digitalLines = station.All("synphasor.digital_status_word").ToList();
        Expect.Equal(pmu.Digitals.Count, digitalLines.Count, $"{at} digital count");
        var digitals = ours.DigitalsOf(p);
        for (var i = 0; i < digitalLines.Count; i++)
        {
            Expect.Equal($"0x{digitals[i]:x4}", digitalLines[i].Show, $"{at} digital {i + 1}");
        }
    }

    private static void PhasorMatches(PdmlPhasor line, Phasor phasor, PmuConfig pmu, PhasorChannel channel, FrameType configType, string at)
    {
        Expect.Equal(channel.Name, line.Name.TrimEnd(' ', '\0'), $"{at} name");
        Expect.Equal(channel.Kind == PhasorKind.Voltage ? 'V' : 'A', line.Unit, $"{at} unit");

        // The magnitude, angle and rectangular form computed from our values as tshark computes them, in double.
        double magnitude, angle, real, imaginary, slack;
        if (pmu.FloatPhasors)
        {
            slack = 0;
            if (pmu.PolarPhasors)
            {
                (magnitude, angle) = (phasor.Magnitude, phasor.Angle);
                (real, imaginary) = (magnitude * Math.Cos(angle), magnitude * Math.Sin(angle));
            }
            else
            {
                (real, imaginary) = (phasor.Real, phasor.Imaginary);
                (magnitude, angle) = (Math.Sqrt((real * real) + (imaginary * imaginary)), Math.Atan2(imaginary, real));
            }
        }
        else
        {
            // Integer phasors: tshark subtracts a CFG-3 angle offset; we keep the angle as sent.
            var offset = configType == FrameType.Config3 ? channel.AngleOffset : 0;
            magnitude = phasor.IsMissing && pmu.PolarPhasors ? double.NaN : phasor.Magnitude;
            angle = phasor.Angle - (double)offset;
            (real, imaginary) = (magnitude * Math.Cos(angle), magnitude * Math.Sin(angle));
            slack = FloatRelative * (double.IsFinite(magnitude) ? magnitude : 0);
            UnscaledMatches(line, phasor, pmu, channel, at);
        }

        Expect.Printed(line.Magnitude, magnitude, $"{at} magnitude", slack);
        Expect.Printed(line.AngleDegrees, angle * RadiansToDegrees, $"{at} angle", pmu.FloatPhasors ? 0 : 5e-5);
        Expect.Printed(line.Real, real, $"{at} real", slack * 2);
        Expect.Printed(line.Imaginary, imaginary, $"{at} imaginary", slack * 2);
    }

    /// <summary>The raw integers tshark shows for an integer phasor equal those our value scales back to.</summary>
    private static void UnscaledMatches(PdmlPhasor line, Phasor phasor, PmuConfig pmu, PhasorChannel channel, string at)
    {
        var (first, second) = pmu.PolarPhasors
            ? (phasor.IsMissing ? float.NaN : phasor.Magnitude / channel.Scale, phasor.IsMissing ? float.NaN : phasor.Angle * 10_000f)
            : (phasor.Real / channel.Scale, phasor.Imaginary / channel.Scale);
        var expected = $"{Raw(first)}, {Raw(second)}";
        var shown = string.Join(", ", (line.Unscaled ?? string.Empty).Split(',').Select(s => s.Trim().ToUpperInvariant()));
        Expect.Equal(expected, shown, $"{at} unscaled");

        static string Raw(float value) => float.IsNaN(value) ? "NAN" : MathF.Round(value).ToString("0", CultureInfo.InvariantCulture);
    }

    private static void FrequencyMatches(PdmlField station, PmuConfig pmu, float frequency, float rocof, string at)
    {
        var rocofLine = station.Field("synphasor.rate_change_frequency");
        if (pmu.FloatFrequency)
        {
            Expect.Printed(PrintedNumber.Parse(station.Field("synphasor.actual_frequency_value").Show), frequency, $"{at} FREQ");
            Expect.Printed(PrintedNumber.Parse(rocofLine.Show), rocof, $"{at} DFREQ");
            return;
        }

        var match = DeviationLine().Match(station.Field("synphasor.frequency_deviation_from_nominal").ShowName);
        Assert.True(match.Success, $"{at}: unexpected FREQ line");
        var millihertz = int.Parse(match.Groups["mhz"].Value, CultureInfo.InvariantCulture);
        var rocofPrinted = PrintedNumber.Parse(RocofLine().Match(rocofLine.ShowName).Groups["v"].Value);
        if (float.IsNaN(frequency))
        {
            Expect.Equal((int)DataFrameCodec.MissingInteger, millihertz, $"{at} absent FREQ");
        }
        else
        {
            Expect.Equal((int)MathF.Round((frequency - pmu.NominalFrequency) * 1000f), millihertz, $"{at} FREQ deviation");
            Expect.Printed(PrintedNumber.Parse(match.Groups["hz"].Value), frequency, $"{at} FREQ", 1e-5);
        }

        Expect.Printed(rocofPrinted, float.IsNaN(rocof) ? DataFrameCodec.MissingInteger / 100.0 : rocof, $"{at} DFREQ", 5e-5);
    }

    private static void AnalogMatches(string showName, float value, PmuConfig pmu, AnalogChannel channel, FrameType configType, string at)
    {
        var match = AnalogLine().Match(showName);
        Assert.True(match.Success, $"{at}: unexpected analog line {showName}");
        Expect.Equal(channel.Name, match.Groups["name"].Value.TrimEnd(' ', '\0'), $"{at} name");
        var shown = match.Groups["v"].Value;
        if (pmu.FloatAnalogs)
        {
            Expect.Printed(PrintedNumber.Parse(shown), value, $"{at} value");
        }
        else if (configType != FrameType.Config3)
        {
            // CFG-1/2 integer analogs: tshark prints the raw int16 and the whole ANUNIT word (printf "%#06x").
            Expect.Equal(float.IsNaN(value) ? DataFrameCodec.MissingInteger.ToString(CultureInfo.InvariantCulture) : value.ToString("0", CultureInfo.InvariantCulture), shown, $"{at} value");
            var unit = ((uint)channel.Type << 24) | ((uint)channel.ScaleFactor & 0x00FF_FFFF);
            Expect.Equal(unit == 0 ? "000000" : $"0x{unit:x4}", match.Groups["unit"].Value, $"{at} ANUNIT");
        }
        else
        {
            var expected = float.IsNaN(value) ? (DataFrameCodec.MissingInteger * channel.Scale) + channel.Offset : value;
            Expect.Printed(PrintedNumber.Parse(shown), expected, $"{at} value");
        }
    }

    private static string Quoted(string text) => text[(text.IndexOf('"', StringComparison.Ordinal) + 1)..text.LastIndexOf('"')];

    [GeneratedRegex(@": (?<mhz>-?\d+)mHz \(actual frequency: (?<hz>\S+)Hz\)$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviationLine();

    [GeneratedRegex(@": (?<v>\S+)Hz/s$", RegexOptions.CultureInvariant)]
    private static partial Regex RocofLine();

    [GeneratedRegex(@"^Analog value #\d+: ""(?<name>.*)"", (?<v>\S+)( \(conversion factor: (?<unit>[0-9a-fx]+)\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex AnalogLine();
}
