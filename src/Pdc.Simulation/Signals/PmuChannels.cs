using Pdc.Protocol;

namespace Pdc.Simulation.Signals;

/// <summary>
/// The channels every simulated PMU sends, in this order: phasors VA, VB, VC, IA, IB, IC, V1, I1 (and after each
/// configuration change one more of V2, I2, V0, I0); analogs MW and MVAR; one digital word of breaker states.
/// A PMU whose config lists k phasors carries the first k of that list.
/// </summary>
internal static class PmuChannels
{
    public const ushort LineBreakerBit = 0x0001;
    public const ushort TieBreakerBit = 0x0002;
    public const ushort GeneratorBreakerBit = 0x0004;
    public const ushort FeederBreakerBit = 0x0008;

    /// <summary>The digital word when every breaker is closed, the normal state.</summary>
    public const ushort BreakersClosed = LineBreakerBit | TieBreakerBit | GeneratorBreakerBit | FeederBreakerBit;

    public const int BasePhasorCount = 8;

    /// <summary>ANUNIT type of MW and MVAR: user-defined (65-255); the int16 carries whole MW or MVAR.</summary>
    private const byte PowerAnalogType = 65;

    /// <summary>Headroom of integer phasors over the normal magnitude (sags, overloads and swells must fit).</summary>
    private const double VoltageHeadroom = 1.5;
    private const double CurrentHeadroom = 4;

    private static readonly (string Name, PhasorKind Kind, byte Component)[] Phasors =
    [
        ("VA", PhasorKind.Voltage, 4), ("VB", PhasorKind.Voltage, 5), ("VC", PhasorKind.Voltage, 6),
        ("IA", PhasorKind.Current, 4), ("IB", PhasorKind.Current, 5), ("IC", PhasorKind.Current, 6),
        ("V1", PhasorKind.Voltage, 1), ("I1", PhasorKind.Current, 1),
        ("V2", PhasorKind.Voltage, 2), ("I2", PhasorKind.Current, 2),
        ("V0", PhasorKind.Voltage, 0), ("I0", PhasorKind.Current, 0),
    ];

    private static readonly string[] BreakerLabels =
    [
        "LINE CB CLOSED", "TIE CB CLOSED", "GEN CB CLOSED", "FEEDER CB CLOSED",
        "SPARE 5", "SPARE 6", "SPARE 7", "SPARE 8", "SPARE 9", "SPARE 10", "SPARE 11", "SPARE 12",
        "SPARE 13", "SPARE 14", "SPARE 15", "SPARE 16",
    ];

    /// <summary>Phasors after <paramref name="configChanges"/> changes (each adds one, up to the full list).</summary>
    public static int PhasorCount(int configChanges) => Math.Min(BasePhasorCount + configChanges, Phasors.Length);

    public static string StationName(int pmu) => $"SIM PMU {pmu + 1}";

    public static PmuConfig Create(int pmu, PmuProfile profile, ushort idCode, DataFormat format, int nominalFrequency, int configChanges)
    {
        var voltageScale = profile.PhaseVoltage * VoltageHeadroom / short.MaxValue;
        var currentScale = profile.LoadCurrent * CurrentHeadroom / short.MaxValue;
        var phasors = Phasors.Take(PhasorCount(configChanges))
            .Select(p => new PhasorChannel(p.Name, p.Kind, (uint)Math.Round((p.Kind == PhasorKind.Voltage ? voltageScale : currentScale) * 1e5))
            {
                Component = p.Component,
            })
            .ToArray();
        AnalogChannel[] analogs = [new("MW", PowerAnalogType, 1), new("MVAR", PowerAnalogType, 1)];
        DigitalWord[] digitals = [new(BreakerLabels, BreakersClosed, BreakersClosed)];
        var windowMicroseconds = 5 * 1_000_000 / nominalFrequency;
        return new PmuConfig(StationName(pmu), idCode, format, phasors, analogs, digitals, nominalFrequency, (ushort)configChanges)
        {
            GlobalPmuId = profile.GlobalId,
            Latitude = profile.Latitude,
            Longitude = profile.Longitude,
            Elevation = 250,
            ServiceClass = 'M',
            Window = windowMicroseconds,
            GroupDelay = windowMicroseconds / 2,
        };
    }
}
