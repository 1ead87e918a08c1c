namespace Pdc.Protocol.Tests.Support;

/// <summary>
/// Configurations for tests: PMUs of any FORMAT and channel counts, with channel names, scalings and CFG-3
/// extras that differ from channel to channel, so that a value read from the wrong place shows.
/// </summary>
internal static class SampleConfigs
{
    /// <summary>Every FORMAT word: int/float phasors, polar/rectangular, int/float analogs, int/float FREQ.</summary>
    public static IReadOnlyList<DataFormat> AllFormats { get; } = Enumerable.Range(0, 16).Select(f => (DataFormat)f).ToArray();

    /// <summary>A PMU in CFG-1/2 terms: PHUNIT factors, ANUNIT types and scalings, DIGUNIT masks.</summary>
    public static PmuConfig Pmu12(string station, ushort idCode, DataFormat format, int phasors, int analogs, int digitals, int nominalFrequency = 60, ushort configChangeCount = 7)
    {
        var phasorChannels = Enumerable.Range(0, phasors)
            .Select(i => new PhasorChannel($"{Short(station)} PH{i + 1}", i % 3 == 2 ? PhasorKind.Current : PhasorKind.Voltage, (uint)(915_527 + (i * 104_729))))
            .ToArray();
        var analogChannels = Enumerable.Range(0, analogs)
            .Select(i => new AnalogChannel($"{Short(station)} AN{i + 1}", (byte)(i % 3 == 0 ? 1 : 70), (i * 1_000) - 2_000))
            .ToArray();
        return new PmuConfig(station, idCode, format, phasorChannels, analogChannels, Digitals(station, digitals), nominalFrequency, configChangeCount);
    }

    /// <summary>A PMU in CFG-3 terms: float PHSCALE with angle offsets and flags, ANSCALE with offsets, position, class, window, delay.</summary>
    public static PmuConfig Pmu3(string station, ushort idCode, DataFormat format, int phasors, int analogs, int digitals, int nominalFrequency = 50, ushort configChangeCount = 3)
    {
        var phasorChannels = Enumerable.Range(0, phasors)
            .Select(i => new PhasorChannel($"{station} phasor {i + 1}", i % 2 == 1 ? PhasorKind.Current : PhasorKind.Voltage, 0.01f + (0.0125f * i), 0.05f * i)
            {
                ModificationFlags = (ushort)(i * 0x0102),
                Component = (byte)(4 + (i % 3)),
                UserFlags = (byte)i,
            })
            .ToArray();
        var analogChannels = Enumerable.Range(0, analogs)
            .Select(i => new AnalogChannel($"{station} analog {i + 1}", 0.5f + i, 10f * (i - 1)))
            .ToArray();
        return new PmuConfig(station, idCode, format, phasorChannels, analogChannels, Digitals(station, digitals), nominalFrequency, configChangeCount)
        {
            GlobalPmuId = new Guid([0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, (byte)idCode]),
            Latitude = 46.5191f,
            Longitude = 6.5668f + idCode,
            Elevation = 372.5f,
            ServiceClass = idCode % 2 == 0 ? 'P' : 'M',
            Window = 40_000 + idCode,
            GroupDelay = 20_000 - idCode,
        };
    }

    public static ConfigFrame Config(FrameType type, ProtocolVersion version, ushort idCode, params PmuConfig[] pmus) =>
        new(type, version, idCode, FrameTimestamp.Create(1_700_000_000, 250_000), 1_000_000, pmus, 50);

    /// <summary>A prefix that leaves room in a 16-character CFG-1/2 name for the channel's own suffix.</summary>
    private static string Short(string station) => station[..Math.Min(8, station.Length)].TrimEnd();

    private static DigitalWord[] Digitals(string station, int count) =>
        Enumerable.Range(0, count)
            .Select(w => new DigitalWord(
                Enumerable.Range(0, DigitalWord.BitsPerWord).Select(b => $"{Short(station)} D{w + 1}.{b}").ToArray(),
                (ushort)(0x0F0F << w),
                (ushort)(0xFFF0 >> w)))
            .ToArray();
}
