namespace Pdc.Simulation.Faults;

/// <summary>The fault settings a scenario changes at one time: the fields it names, leaving the others as they were.</summary>
internal sealed record FaultPatch
{
    public double? DropPercent { get; init; }

    public double? DuplicatePercent { get; init; }

    public double? ReorderPercent { get; init; }

    public double? BadCrcPercent { get; init; }

    public double? JitterMilliseconds { get; init; }

    public double? ClockOffsetMilliseconds { get; init; }

    public byte? TimeQualityCode { get; init; }

    public bool? SyncError { get; init; }

    public double? DisconnectEverySeconds { get; init; }

    public FaultSettings ApplyTo(FaultSettings settings) => settings with
    {
        DropPercent = DropPercent ?? settings.DropPercent,
        DuplicatePercent = DuplicatePercent ?? settings.DuplicatePercent,
        ReorderPercent = ReorderPercent ?? settings.ReorderPercent,
        BadCrcPercent = BadCrcPercent ?? settings.BadCrcPercent,
        JitterMilliseconds = JitterMilliseconds ?? settings.JitterMilliseconds,
        ClockOffsetMilliseconds = ClockOffsetMilliseconds ?? settings.ClockOffsetMilliseconds,
        TimeQualityCode = TimeQualityCode ?? settings.TimeQualityCode,
        SyncError = SyncError ?? settings.SyncError,
        DisconnectEverySeconds = DisconnectEverySeconds ?? settings.DisconnectEverySeconds,
    };

    /// <summary>"drop 5 %, jitter 20 ms": the fields set, for the console.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        Add(DropPercent, "drop {0} %");
        Add(DuplicatePercent, "duplicate {0} %");
        Add(ReorderPercent, "reorder {0} %");
        Add(BadCrcPercent, "bad CRC {0} %");
        Add(JitterMilliseconds, "jitter {0} ms");
        Add(ClockOffsetMilliseconds, "clock offset {0} ms");
        if (TimeQualityCode is { } code)
        {
            parts.Add($"time quality 0x{code:X}");
        }

        if (SyncError is { } sync)
        {
            parts.Add(sync ? "sync error" : "sync restored");
        }

        Add(DisconnectEverySeconds, "disconnect every {0} s");
        return parts.Count == 0 ? "no change" : string.Join(", ", parts);

        void Add(double? value, string format)
        {
            if (value is { } v)
            {
                parts.Add(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, v));
            }
        }
    }
}
