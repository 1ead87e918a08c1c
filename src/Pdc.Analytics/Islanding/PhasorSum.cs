namespace Pdc.Analytics.Islanding;

/// <summary>Weighted sums over a set of valid PMUs: frequency, and unit voltage phasors for the mean angle.</summary>
internal readonly record struct PhasorSum(int Count, double Weight, double WeightedFrequency, double AngleWeight, double Cosine, double Sine)
{
    public double Frequency => WeightedFrequency / Weight;

    public bool HasAngle => AngleWeight > 0;

    /// <summary>Angle of this set's mean phasor relative to <paramref name="other"/>'s, radians.</summary>
    public double AngleTo(in PhasorSum other) =>
        Math.Atan2((Sine * other.Cosine) - (Cosine * other.Sine), (Cosine * other.Cosine) + (Sine * other.Sine));

    public static PhasorSum operator -(in PhasorSum all, in PhasorSum part) => new(
        all.Count - part.Count,
        all.Weight - part.Weight,
        all.WeightedFrequency - part.WeightedFrequency,
        all.AngleWeight - part.AngleWeight,
        all.Cosine - part.Cosine,
        all.Sine - part.Sine);
}
