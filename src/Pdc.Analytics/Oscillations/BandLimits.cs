namespace Pdc.Analytics.Oscillations;

/// <summary>The electromechanical range and where inter-area ends and local begins.</summary>
internal readonly record struct BandLimits(double LowestHz, double InterAreaUpperHz, double HighestHz)
{
    public OscillationBand Classify(double frequencyHz) =>
        frequencyHz < LowestHz || frequencyHz > HighestHz ? OscillationBand.Outside
        : frequencyHz < InterAreaUpperHz ? OscillationBand.InterArea
        : OscillationBand.Local;
}
