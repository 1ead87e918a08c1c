namespace Pdc.Analytics;

/// <summary>Collects one message per bad setting, each naming the detector instance and the setting.</summary>
internal sealed class SettingsCheck(string owner)
{
    private readonly List<string> problems = [];

    public IReadOnlyList<string> Problems => problems;

    public void Fail(string setting, string problem) => problems.Add($"{owner}: {setting} {problem}.");

    public void Name(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Fail("Name", "is empty; every detector needs a name for its events");
        }
    }

    public void Positive(double value, string setting)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            Fail(setting, $"is {value}; it must be a positive number");
        }
    }

    public void NotNegative(double value, string setting)
    {
        if (!(value >= 0) || !double.IsFinite(value))
        {
            Fail(setting, $"is {value}; it must be 0 or more");
        }
    }

    public void Between(double value, double low, double high, string setting)
    {
        if (!(value >= low && value <= high))
        {
            Fail(setting, $"is {value}; it must lie between {low} and {high}");
        }
    }

    public void AtLeast(int value, int minimum, string setting)
    {
        if (value < minimum)
        {
            Fail(setting, $"is {value}; it must be {minimum} or more");
        }
    }

    public void Ordered(double lower, string lowerSetting, double upper, string upperSetting)
    {
        if (!(lower < upper))
        {
            Fail(lowerSetting, $"is {lower}; it must be below {upperSetting} ({upper})");
        }
    }

    /// <summary>Each signal's own settings; with <paramref name="required"/>, at least one signal.</summary>
    public void Signals(IList<SignalSettings> signals, bool required)
    {
        if (required && signals.Count == 0)
        {
            Fail("Signals", "is empty; list the signals to analyse");
        }

        for (var i = 0; i < signals.Count; i++)
        {
            signals[i].Check(this, $"Signals[{i}]");
        }
    }

    /// <summary>A decimated analysis rate must keep the highest frequency analysed well below its Nyquist limit.</summary>
    public void AnalysisRate(double analysisRateHz, double highestFrequencyHz)
    {
        Positive(analysisRateHz, "AnalysisRateHz");
        if (analysisRateHz < 2.5 * highestFrequencyHz)
        {
            Fail("AnalysisRateHz", $"is {analysisRateHz}; it must be at least 2.5 × HighestFrequencyHz ({2.5 * highestFrequencyHz})");
        }
    }

    public void Add(IEnumerable<string> more) => problems.AddRange(more);

    public void ThrowIfAny()
    {
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid detector settings: " + string.Join(" ", problems));
        }
    }
}
