namespace Pdc.Simulation.Signals;

/// <summary>
/// x(u) = e^(−σu)·(A·cos ωu + B·sin ωu) for u ≥ 0: with ω = 0 an exponential, with σ = 0 a sinusoid, with both 0 a
/// constant. Every event's frequency contribution is a sum of these, because each has an exact integral (the
/// phase angle it adds) and derivative (the ROCOF it adds), which keeps FREQ, DFREQ and the angles consistent.
/// </summary>
internal readonly record struct DampedSinusoid(double Decay, double AngularFrequency, double CosineAmplitude, double SineAmplitude)
{
    /// <summary>A constant <paramref name="value"/> from u = 0.</summary>
    public static DampedSinusoid Constant(double value) => new(0, 0, value, 0);

    /// <summary><paramref name="amplitude"/>·e^(−u/τ).</summary>
    public static DampedSinusoid Exponential(double amplitude, double timeConstantSeconds) => new(1 / timeConstantSeconds, 0, amplitude, 0);

    /// <summary>The value at u, its integral from 0 to u, and its derivative at u.</summary>
    public (double Value, double Integral, double Derivative) Evaluate(double u)
    {
        var (sigma, omega, a, b) = (Decay, AngularFrequency, CosineAmplitude, SineAmplitude);
        var denominator = (sigma * sigma) + (omega * omega);
        if (denominator == 0)
        {
            return (a, a * u, 0);
        }

        var envelope = Math.Exp(-sigma * u);
        var (sin, cos) = Math.SinCos(omega * u);
        var value = envelope * ((a * cos) + (b * sin));
        var derivative = envelope * ((((-sigma * a) + (omega * b)) * cos) - (((sigma * b) + (omega * a)) * sin));

        // Antiderivatives of e^(−σu)·cos ωu and e^(−σu)·sin ωu, taken between 0 and u.
        var cosine = ((envelope * ((omega * sin) - (sigma * cos))) + sigma) / denominator;
        var sine = ((envelope * ((-sigma * sin) - (omega * cos))) + omega) / denominator;
        return (value, (a * cosine) + (b * sine), derivative);
    }
}
