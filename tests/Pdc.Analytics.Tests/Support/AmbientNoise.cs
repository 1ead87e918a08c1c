namespace Pdc.Analytics.Tests.Support;

/// <summary>
/// Ambient power-system noise: white noise through an AR(2) filter whose poles are the discrete image of one
/// lightly damped electromechanical mode, z = e^((−ζωn ± jωd)/fs), scaled to a given standard deviation.
/// </summary>
internal sealed class AmbientNoise
{
    private readonly Gaussian gaussian;
    private readonly double a1;
    private readonly double a2;
    private readonly double innovation;
    private double previous;
    private double beforePrevious;

    public AmbientNoise(double modeHz, double dampingRatio, double framesPerSecond, double standardDeviation, int seed)
    {
        gaussian = new Gaussian(seed);
        var natural = 2 * Math.PI * modeHz / Math.Sqrt(1 - (dampingRatio * dampingRatio));
        var radius = Math.Exp(-dampingRatio * natural / framesPerSecond);
        var angle = 2 * Math.PI * modeHz / framesPerSecond;
        a1 = 2 * radius * Math.Cos(angle);
        a2 = -radius * radius;

        // Stationary variance of x = a1·x₋₁ + a2·x₋₂ + e is σe²(1 − a2)/((1 + a2)((1 − a2)² − a1²)).
        var gain = (1 - a2) / ((1 + a2) * (((1 - a2) * (1 - a2)) - (a1 * a1)));
        innovation = standardDeviation / Math.Sqrt(gain);

        // Start from the stationary state rather than from rest.
        for (var i = 0; i < 20 * framesPerSecond; i++)
        {
            Next();
        }
    }

    public double Next()
    {
        var value = (a1 * previous) + (a2 * beforePrevious) + (innovation * gaussian.Next());
        beforePrevious = previous;
        previous = value;
        return value;
    }
}
