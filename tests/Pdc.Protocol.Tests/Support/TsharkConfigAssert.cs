using System.Buffers.Binary;
using System.Globalization;
using Pdc.Testing;

namespace Pdc.Protocol.Tests.Support;

/// <summary>Checks a configuration frame against every field tshark shows for it (CFG-1/2 and unfragmented CFG-3).</summary>
internal static class TsharkConfigAssert
{
    public static void Matches(PdmlFrame tshark, ConfigFrame ours)
    {
        var at = $"packet {tshark.PacketNumber}";
        TsharkHeaderAssert.Matches(tshark, ours.Type, ours.Version, ours.IdCode, ours.Timestamp);
        var data = tshark.Root.Field("synphasor.data");
        if (ours.Type == FrameType.Config3)
        {
            Expect.Equal(0L, data.Field("synphasor.conf.contindx").ShowAsInteger, $"{at} CONT_IDX");
        }

        Expect.Equal((long)ours.TimeBase, data.Field("synphasor.conf.timebase").ShowAsInteger, $"{at} TIME_BASE");
        Expect.Equal((long)ours.Pmus.Count, data.Field("synphasor.conf.numpmu").ShowAsInteger, $"{at} NUM_PMU");
        Expect.Equal((long)ours.DataRate, data.Field("synphasor.rate_of_transmission").ShowAsInteger, $"{at} DATA_RATE");
        var stations = data.Groups("Station #").ToList();
        Expect.Equal(ours.Pmus.Count, stations.Count, $"{at} PMU blocks dissected");
        for (var p = 0; p < stations.Count; p++)
        {
            var pmu = ours.Pmus[p];
            var where = $"{at} PMU {p + 1}";
            PmuMatches(stations[p], pmu, where);
            if (ours.Type == FrameType.Config3)
            {
                Pmu3Matches(stations[p], pmu, where);
            }
            else
            {
                Pmu12Matches(stations[p], pmu, where);
            }
        }
    }

    private static void PmuMatches(PdmlField station, PmuConfig pmu, string at)
    {
        Expect.Equal((long)pmu.IdCode, station.Field("synphasor.idcode_data_source").ShowAsInteger, $"{at} IDCODE");
        Expect.Equal((ulong)pmu.Format, station.Group("Data format in data frame").ValueAsNumber, $"{at} FORMAT");
        Expect.Equal((long)pmu.Phasors.Count, station.Field("synphasor.num_phasors").ShowAsInteger, $"{at} PHNMR");
        Expect.Equal((long)pmu.Analogs.Count, station.Field("synphasor.num_analog_values").ShowAsInteger, $"{at} ANNMR");
        Expect.Equal((long)pmu.Digitals.Count, station.Field("synphasor.num_digital_status_words").ShowAsInteger, $"{at} DGNMR");
        var normal = station.All("synphasor.status_word_mask.normal_state").Select(f => f.Show);
        var valid = station.All("synphasor.status_word_mask.valid_bits").Select(f => f.Show);
        Assert.Equal(pmu.Digitals.Select(d => $"0x{d.NormalStatus:x4}"), normal);
        Assert.Equal(pmu.Digitals.Select(d => $"0x{d.ValidInputs:x4}"), valid);
        Expect.Equal(pmu.NominalFrequency == 50 ? 1L : 0L, station.Field("synphasor.conf.fnom").ShowAsInteger, $"{at} FNOM");
        Expect.Equal((long)pmu.ConfigChangeCount, station.Field("synphasor.conf.cfgcnt").ShowAsInteger, $"{at} CFGCNT");
    }

    private static void Pmu12Matches(PdmlField station, PmuConfig pmu, string at)
    {
        Expect.Equal(pmu.StationName, station.Show[(station.Show.IndexOf('"', StringComparison.Ordinal) + 1)..^1].TrimEnd(' ', '\0'), $"{at} STN");
        var names = station.All("synphasor.channel_name").Select(f => f.Show.TrimEnd(' ', '\0'));
        Assert.Equal(ChannelNames(pmu), names);
        var phunits = station.All("synphasor.conversion_factor").Select(f => f.Show);
        Assert.Equal(pmu.Phasors.Select(c => $"0x{((uint)c.Kind << 24) | c.ConversionFactor:x8}"), phunits);
        var anunits = station.All("synphasor.factor_for_analog_value").Select(f => f.ShowName[(f.ShowName.IndexOf(": ", StringComparison.Ordinal) + 2)..]);
        Assert.Equal(pmu.Analogs.Select(a => $"{AnalogTypeName(a.Type)}, value: {a.ScaleFactor.ToString(CultureInfo.InvariantCulture)}"), anunits);
    }

    private static void Pmu3Matches(PdmlField station, PmuConfig pmu, string at)
    {
        Expect.Equal(pmu.StationName, station.Field("synphasor.station_name").Show, $"{at} STN");
        var id = new byte[16];
        pmu.GlobalPmuId.TryWriteBytes(id, bigEndian: true, out _);
        Expect.Equal(Convert.ToHexStringLower(id), station.Field("synphasor.gpmuid").Value, $"{at} G_PMU_ID");
        Assert.Equal(ChannelNames(pmu), station.All("synphasor.conf.chnam").Select(f => f.Show));

        // tshark leaves out the group of a PMU without phasors.
        var scales = station.Groups("Phasor scaling and data flags").SingleOrDefault()?.Children ?? [];
        Expect.Equal(pmu.Phasors.Count, scales.Count, $"{at} PHSCALE count");
        for (var i = 0; i < scales.Count; i++)
        {
            var channel = pmu.Phasors[i];
            var expected = new byte[12];
            BinaryPrimitives.WriteUInt16BigEndian(expected, channel.ModificationFlags);
            expected[2] = (byte)(((int)channel.Kind << 3) | (channel.Component & 0x07));
            expected[3] = channel.UserFlags;
            BinaryPrimitives.WriteSingleBigEndian(expected.AsSpan(4), channel.Scale);
            BinaryPrimitives.WriteSingleBigEndian(expected.AsSpan(8), channel.AngleOffset);
            Expect.Equal(Convert.ToHexStringLower(expected), scales[i].Value, $"{at} PHSCALE {i + 1}");
            Expect.Printed(PrintedNumber.Parse(scales[i].Field("synphasor.conf.phasor_scale_factor").Show), channel.Scale, $"{at} phasor {i + 1} scale");
            Expect.Printed(PrintedNumber.Parse(scales[i].Field("synphasor.conf.phasor_angle_offset").Show), channel.AngleOffset, $"{at} phasor {i + 1} angle offset");
        }

        var analogScales = station.All("synphasor.conf.analog_scale_factor").ToList();
        var analogOffsets = station.All("synphasor.conf.analog_offset").ToList();
        Expect.Equal(pmu.Analogs.Count, analogScales.Count, $"{at} ANSCALE count");
        for (var i = 0; i < analogScales.Count; i++)
        {
            Expect.Printed(PrintedNumber.Parse(analogScales[i].Show), pmu.Analogs[i].Scale, $"{at} analog {i + 1} scale");
            Expect.Printed(PrintedNumber.Parse(analogOffsets[i].Show), pmu.Analogs[i].Offset, $"{at} analog {i + 1} offset");
        }

        PositionMatches(station, "latitude", pmu.Latitude, at);
        PositionMatches(station, "longitude", pmu.Longitude, at);
        PositionMatches(station, "elevation", pmu.Elevation, at);
        var serviceClass = char.ToUpperInvariant(pmu.ServiceClass) switch { 'P' => "Protection", 'M' => "Monitoring", _ => "Unknown" };
        Expect.Equal(serviceClass, station.Field("synphasor.conf.svc_class").Show, $"{at} SVC_CLASS");

        // tshark shows WINDOW and GRP_DLY unsigned; the standard (and we) read them signed: the bits must agree.
        Expect.Equal((long)(uint)pmu.Window, station.Field("synphasor.conf.window").ShowAsInteger, $"{at} WINDOW");
        Expect.Equal((long)(uint)pmu.GroupDelay, station.Field("synphasor.conf.grp_dly").ShowAsInteger, $"{at} GRP_DLY");
    }

    /// <summary>tshark shows an infinite coordinate as "Unspecified Location", any other as a float.</summary>
    private static void PositionMatches(PdmlField station, string which, float ours, string at)
    {
        var wgs84 = station.Group("World Geodetic System 84 data");
        var field = wgs84.Children.Single(f => f.Name.StartsWith($"synphasor.conf.pmu_{which}", StringComparison.Ordinal));
        if (float.IsInfinity(ours))
        {
            Assert.Contains("Unspecified Location", field.ShowName, StringComparison.Ordinal);
            return;
        }

        Expect.Printed(PrintedNumber.Parse(field.Show), ours, $"{at} {which}");
    }

    private static IEnumerable<string> ChannelNames(PmuConfig pmu) =>
        pmu.Phasors.Select(c => c.Name).Concat(pmu.Analogs.Select(a => a.Name)).Concat(pmu.Digitals.SelectMany(d => d.Labels));

    private static string AnalogTypeName(byte type) => type switch
    {
        0 => "single point-on-wave",
        1 => "rms of analog input",
        2 => "peak of input",
        3 or 4 => "undefined",
        < 65 => "reserved",
        _ => "user defined",
    };
}
