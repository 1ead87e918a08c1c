namespace Pdc.Analytics.Oscillations;

/// <summary>
/// One electromechanical mode found in a signal: y(t) ≈ Amplitude·e^(−ζ·ωn·t)·cos(2π·FrequencyHz·t + Phase),
/// with t counted from the start of the analysed window.
/// </summary>
/// <param name="FrequencyHz">Damped frequency of oscillation.</param>
/// <param name="DampingRatio">ζ as a fraction (0.05 is 5 %); negative when the oscillation grows.</param>
/// <param name="Amplitude">Amplitude at the start of the window, in the signal's units.</param>
/// <param name="Phase">Phase at the start of the window, radians.</param>
/// <param name="Energy">Sum of squares of the mode's contribution over the window, used to rank modes.</param>
public readonly record struct OscillationMode(double FrequencyHz, double DampingRatio, double Amplitude, double Phase, double Energy)
{
    public double DampingPercent => DampingRatio * 100;

    /// <summary>Builds a mode from its continuous-time pole s = σ + jω (1/s and rad/s).</summary>
    public static OscillationMode FromPole(double sigma, double omega, double amplitude, double phase, double energy)
    {
        var natural = Math.Sqrt((sigma * sigma) + (omega * omega));
        var damping = natural > 0 ? -sigma / natural : 0;
        return new OscillationMode(omega / (2 * Math.PI), damping, amplitude, phase, energy);
    }
}
