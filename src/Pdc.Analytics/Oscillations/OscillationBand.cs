namespace Pdc.Analytics.Oscillations;

/// <summary>Electromechanical bands: inter-area (0.1-0.8 Hz by default) and local (0.8-2 Hz).</summary>
public enum OscillationBand
{
    InterArea,
    Local,

    /// <summary>Outside the electromechanical range the detector watches.</summary>
    Outside,
}
