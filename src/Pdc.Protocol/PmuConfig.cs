namespace Pdc.Protocol;

/// <summary>
/// The configuration of one PMU inside a configuration frame: station name, IDCODE, FORMAT, channels,
/// FNOM and CFGCNT, and the CFG-3 extras (G_PMU_ID, position, service class, WINDOW, GRP_DLY).
/// </summary>
public sealed record PmuConfig
{
    // Channel lists are copied so that sizes computed from them (FRAMESIZE, which decoding trusts) never change.
    private readonly IReadOnlyList<PhasorChannel> phasors = [];
    private readonly IReadOnlyList<AnalogChannel> analogs = [];
    private readonly IReadOnlyList<DigitalWord> digitals = [];

    public PmuConfig(
        string stationName,
        ushort idCode,
        DataFormat format,
        IReadOnlyList<PhasorChannel> phasors,
        IReadOnlyList<AnalogChannel> analogs,
        IReadOnlyList<DigitalWord> digitals,
        int nominalFrequency,
        ushort configChangeCount)
    {
        if (nominalFrequency is not (50 or 60))
        {
            throw new ArgumentOutOfRangeException(nameof(nominalFrequency), nominalFrequency, "FNOM is 50 or 60 Hz.");
        }

        StationName = stationName;
        IdCode = idCode;
        Format = format;
        Phasors = phasors;
        Analogs = analogs;
        Digitals = digitals;
        NominalFrequency = nominalFrequency;
        ConfigChangeCount = configChangeCount;
    }

    /// <summary>STN: 16 characters in CFG-1/2, up to 255 in CFG-3.</summary>
    public string StationName { get; init; }

    /// <summary>The data source's IDCODE (a PMU inside a PDC stream has its own).</summary>
    public ushort IdCode { get; init; }

    public DataFormat Format { get; init; }

    public IReadOnlyList<PhasorChannel> Phasors { get => phasors; init => phasors = [.. value]; }

    public IReadOnlyList<AnalogChannel> Analogs { get => analogs; init => analogs = [.. value]; }

    public IReadOnlyList<DigitalWord> Digitals { get => digitals; init => digitals = [.. value]; }

    /// <summary>FNOM: 50 or 60 Hz.</summary>
    public int NominalFrequency { get; init; }

    /// <summary>CFGCNT: incremented by the PMU each time its configuration changes.</summary>
    public ushort ConfigChangeCount { get; init; }

    /// <summary>CFG-3 G_PMU_ID, 16 bytes, kept in wire order.</summary>
    public Guid GlobalPmuId { get; init; }

    /// <summary>CFG-3 PMU_LAT in degrees (WGS84), or NaN where unspecified.</summary>
    public float Latitude { get; init; } = float.NaN;

    /// <summary>CFG-3 PMU_LON in degrees (WGS84), or NaN where unspecified.</summary>
    public float Longitude { get; init; } = float.NaN;

    /// <summary>CFG-3 PMU_ELEV in metres, or NaN where unspecified.</summary>
    public float Elevation { get; init; } = float.NaN;

    /// <summary>CFG-3 SVC_CLASS: 'P' (protection) or 'M' (measurement).</summary>
    public char ServiceClass { get; init; } = 'M';

    /// <summary>CFG-3 WINDOW: measurement window length in microseconds (negative: in milliseconds is not used; kept as sent).</summary>
    public int Window { get; init; }

    /// <summary>CFG-3 GRP_DLY: group delay of the measurement filter in microseconds.</summary>
    public int GroupDelay { get; init; }

    public bool PolarPhasors => (Format & DataFormat.PolarPhasors) != 0;

    public bool FloatPhasors => (Format & DataFormat.FloatPhasors) != 0;

    public bool FloatAnalogs => (Format & DataFormat.FloatAnalogs) != 0;

    public bool FloatFrequency => (Format & DataFormat.FloatFrequency) != 0;

    /// <summary>Bytes this PMU occupies in a data frame: STAT, phasors, FREQ, DFREQ, analogs, digitals.</summary>
    public int DataBlockSize =>
        2
        + (Phasors.Count * (FloatPhasors ? 8 : 4))
        + (FloatFrequency ? 8 : 4)
        + (Analogs.Count * (FloatAnalogs ? 4 : 2))
        + (Digitals.Count * 2);
}
