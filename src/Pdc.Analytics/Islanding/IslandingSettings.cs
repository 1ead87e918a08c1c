namespace Pdc.Analytics.Islanding;

/// <summary>
/// Islanding of PMU groups against a reference: the centre of inertia (weighted mean) of the healthy
/// reference PMUs outside the group. A group islands when its frequency departs from the reference by
/// <see cref="FrequencyDeviationHz"/>, or its angle to the reference drifts steadily (the same way in every
/// quarter of <see cref="AngleWindowSeconds"/>) by <see cref="AngleDriftDegrees"/>, for <see cref="DelaySeconds"/>.
/// Blocked while the whole system moves together: when the reference has moved from nominal in the group's
/// direction by at least <see cref="SystemEventShare"/> of the group's own move (a generator trip, say).
/// </summary>
public sealed class IslandingSettings : IDetectorSettings
{
    public string Name { get; set; } = "islanding";

    /// <summary>The groups watched; empty: every PMU is a group of its own.</summary>
    public IList<IslandingGroupSettings> Groups { get; set; } = [];

    /// <summary>PMUs that form the reference; empty: every PMU. A group's own PMUs never count in its reference.</summary>
    public IList<string> ReferencePmus { get; set; } = [];

    /// <summary>Weight of each PMU (station name or IDCODE) in the centre of inertia, say the inertia behind it; unlisted PMUs weigh 1.</summary>
    public IDictionary<string, double> InertiaWeights { get; set; } = new Dictionary<string, double>();

    public int MinimumReferencePmus { get; set; } = 1;

    public double FrequencyDeviationHz { get; set; } = 0.1;

    public double AngleDriftDegrees { get; set; } = 30;

    public double AngleWindowSeconds { get; set; } = 2;

    public double DelaySeconds { get; set; } = 0.1;

    public double SystemEventShare { get; set; } = 0.5;

    /// <summary>An islanded group resets once frequency and angle stay within half their settings for this long.</summary>
    public double ResetDelaySeconds { get; set; } = 2;

    /// <summary>After this long with the reference or the group invalid, the group is reported as cannot judge.</summary>
    public double StaleAfterSeconds { get; set; } = 0.2;

    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck(Name);
        check.Name(Name);
        for (var i = 0; i < Groups.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Groups[i].Name))
            {
                check.Fail($"Groups[{i}].Name", "is empty; events name the group");
            }

            if (Groups[i].Pmus.Count == 0)
            {
                check.Fail($"Groups[{i}].Pmus", "is empty; a group needs at least one PMU");
            }
        }

        foreach (var (pmu, weight) in InertiaWeights)
        {
            check.Positive(weight, $"InertiaWeights[{pmu}]");
        }

        check.AtLeast(MinimumReferencePmus, 1, nameof(MinimumReferencePmus));
        check.Positive(FrequencyDeviationHz, nameof(FrequencyDeviationHz));
        check.Positive(AngleDriftDegrees, nameof(AngleDriftDegrees));
        check.Between(AngleWindowSeconds, 0.1, 60, nameof(AngleWindowSeconds));
        check.NotNegative(DelaySeconds, nameof(DelaySeconds));
        check.Between(SystemEventShare, 0, 1, nameof(SystemEventShare));
        check.NotNegative(ResetDelaySeconds, nameof(ResetDelaySeconds));
        check.Positive(StaleAfterSeconds, nameof(StaleAfterSeconds));
        return check.Problems;
    }

    public IDetector CreateDetector(IDetectorEventSink sink) => new IslandingDetector(this, sink);
}
