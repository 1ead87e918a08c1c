namespace Pdc.Analytics.Overload;

/// <summary>
/// Overload of current phasors against their ratings: definite-time alarm and trip levels, and optionally a
/// thermal replica with the IEC 60255-149 characteristic, whose trip time from a prior load I_p is
/// t = τ·ln((I² − I_p²)/(I² − (k·I_B)²)).
/// </summary>
public sealed class OverloadSettings : IDetectorSettings
{
    public string Name { get; set; } = "overload";

    /// <summary>The lines watched; empty: every current phasor of every PMU, rated <see cref="RatingAmps"/>.</summary>
    public IList<LineRatingSettings> Lines { get; set; } = [];

    /// <summary>Rating for lines without their own (RMS amperes).</summary>
    public double RatingAmps { get; set; }

    public double AlarmPercent { get; set; } = 80;

    public double AlarmDelaySeconds { get; set; } = 1;

    public double TripPercent { get; set; } = 100;

    public double TripDelaySeconds { get; set; } = 10;

    /// <summary>Alarm and trip reset (and pickup timers stop) once the current falls this many percent of rating below their level.</summary>
    public double ResetMarginPercent { get; set; } = 2;

    public double ResetDelaySeconds { get; set; } = 1;

    /// <summary>Also run the IEC 60255-149 thermal replica on each line.</summary>
    public bool ThermalReplica { get; set; }

    /// <summary>τ, the heating time constant of the protected conductor.</summary>
    public double ThermalTimeConstantSeconds { get; set; } = 600;

    /// <summary>k: the replica trips when the steady current exceeds k·I_B.</summary>
    public double ThermalFactorK { get; set; } = 1.05;

    /// <summary>Thermal alarm at this share of the trip level's heat content.</summary>
    public double ThermalAlarmPercent { get; set; } = 90;

    /// <summary>The thermal alarm and trip reset once the heat content falls this many percent below their level.</summary>
    public double ThermalResetMarginPercent { get; set; } = 5;

    public double StaleAfterSeconds { get; set; } = 1;

    public IReadOnlyList<string> Validate()
    {
        var check = new SettingsCheck(Name);
        check.Name(Name);
        if (Lines.Count == 0)
        {
            check.Positive(RatingAmps, nameof(RatingAmps) + " (needed when Lines is empty)");
        }
        else
        {
            check.NotNegative(RatingAmps, nameof(RatingAmps));
        }

        for (var i = 0; i < Lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(Lines[i].Pmu))
            {
                check.Fail($"Lines[{i}].Pmu", "is empty; name the PMU by station name or IDCODE");
            }

            check.NotNegative(Lines[i].RatingAmps, $"Lines[{i}].RatingAmps");
            if (Lines[i].RatingAmps == 0 && !(RatingAmps > 0))
            {
                check.Fail($"Lines[{i}].RatingAmps", "is 0 and RatingAmps is not set; give the line a rating");
            }
        }

        check.Positive(AlarmPercent, nameof(AlarmPercent));
        check.Ordered(AlarmPercent, nameof(AlarmPercent), TripPercent + 1e-9, nameof(TripPercent));
        check.NotNegative(AlarmDelaySeconds, nameof(AlarmDelaySeconds));
        check.NotNegative(TripDelaySeconds, nameof(TripDelaySeconds));
        check.NotNegative(ResetMarginPercent, nameof(ResetMarginPercent));
        check.Ordered(ResetMarginPercent, nameof(ResetMarginPercent), AlarmPercent, nameof(AlarmPercent));
        check.NotNegative(ResetDelaySeconds, nameof(ResetDelaySeconds));
        check.Positive(ThermalTimeConstantSeconds, nameof(ThermalTimeConstantSeconds));
        check.Between(ThermalFactorK, 0.5, 2, nameof(ThermalFactorK));
        check.Between(ThermalAlarmPercent, 1, 100, nameof(ThermalAlarmPercent));
        check.NotNegative(ThermalResetMarginPercent, nameof(ThermalResetMarginPercent));
        check.Ordered(ThermalResetMarginPercent, nameof(ThermalResetMarginPercent), ThermalAlarmPercent, nameof(ThermalAlarmPercent));
        check.Positive(StaleAfterSeconds, nameof(StaleAfterSeconds));
        return check.Problems;
    }

    public IDetector CreateDetector(IDetectorEventSink sink) => new OverloadDetector(this, sink);
}
