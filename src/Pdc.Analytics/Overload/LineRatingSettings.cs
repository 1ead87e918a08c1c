namespace Pdc.Analytics.Overload;

/// <summary>A current phasor watched for overload and its rating.</summary>
public sealed class LineRatingSettings
{
    /// <summary>Station name or IDCODE.</summary>
    public string Pmu { get; set; } = "";

    /// <summary>Current phasor name; empty: every current phasor of the PMU.</summary>
    public string? Channel { get; set; }

    /// <summary>The continuous rating (IEC 60255-149's basic current I_B) in the phasor's units (RMS amperes); 0 uses <see cref="OverloadSettings.RatingAmps"/>.</summary>
    public double RatingAmps { get; set; }
}
