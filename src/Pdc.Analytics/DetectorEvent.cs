namespace Pdc.Analytics;

/// <summary>
/// What a detector reports: a condition starting or ending, with the values measured and the settings it
/// was judged against. Times are frame times (Unix nanoseconds), not the local clock.
/// </summary>
public sealed record DetectorEvent
{
    /// <summary>The detector instance's name.</summary>
    public required string Detector { get; init; }

    public required DetectorEventType Type { get; init; }

    public EventSeverity Severity { get; init; }

    public EventPhase Phase { get; init; }

    /// <summary>What the condition concerns: a signal, a group, a line, a stage.</summary>
    public string Subject { get; init; } = "";

    /// <summary>The frame time at which this report was made.</summary>
    public long TimeUnixNanoseconds { get; init; }

    /// <summary>When the condition began (for some detectors an estimate earlier than the report).</summary>
    public long StartUnixNanoseconds { get; init; }

    /// <summary>When the condition ended; null on a start report.</summary>
    public long? EndUnixNanoseconds { get; init; }

    /// <summary>Station names of the PMUs concerned, most affected first where that is known.</summary>
    public IReadOnlyList<string> Pmus { get; init; } = [];

    public IReadOnlyList<EventValue> Values { get; init; } = [];

    public IReadOnlyList<EventValue> Settings { get; init; } = [];

    /// <summary>0 to 1: how sure the detector is (its meaning per detector is in the detector's documentation).</summary>
    public double Confidence { get; init; } = 1;

    public string Message { get; init; } = "";

    /// <summary>The measured value named <paramref name="name"/>, or NaN.</summary>
    public double Value(string name) => Find(Values, name);

    /// <summary>The setting named <paramref name="name"/>, or NaN.</summary>
    public double Setting(string name) => Find(Settings, name);

    private static double Find(IReadOnlyList<EventValue> values, string name)
    {
        foreach (var value in values)
        {
            if (value.Name == name)
            {
                return value.Value;
            }
        }

        return double.NaN;
    }
}
