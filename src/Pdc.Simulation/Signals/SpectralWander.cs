namespace Pdc.Simulation.Signals;

/// <summary>
/// A slow random wander with the spectrum of an Ornstein-Uhlenbeck process (flat below 1/(2πτ), falling as 1/f²
/// above), built from sinusoids with random phases. Unlike a stepped random walk its value, its integral and its
/// derivative are exact functions of time: frames can be generated for any instant, in any order, and a
/// frequency made of it stays consistent with the angle that integrates it.
/// </summary>
internal sealed class SpectralWander
{
    private readonly double[] amplitude;
    private readonly double[] omega;
    private readonly double[] phase;

    /// <param name="random">Draws the component frequencies and phases.</param>
    /// <param name="standardDeviation">The wander's standard deviation, in its own unit.</param>
    /// <param name="correlationSeconds">τ, the Ornstein-Uhlenbeck time constant.</param>
    /// <param name="lowestHz">The slowest component: below it the spectrum is cut.</param>
    /// <param name="highestHz">The fastest component.</param>
    /// <param name="components">How many sinusoids, spaced logarithmically between the two.</param>
    public SpectralWander(ref SeededRandom random, double standardDeviation, double correlationSeconds, double lowestHz, double highestHz, int components)
    {
        amplitude = new double[components];
        omega = new double[components];
        phase = new double[components];
        var corner = 1 / (2 * Math.PI * correlationSeconds);
        var ratio = Math.Pow(highestHz / lowestHz, 1.0 / components);
        var variance = 0.0;
        for (var k = 0; k < components; k++)
        {
            // One component per logarithmic band, at a random frequency inside it, so none are commensurate.
            var bandStart = lowestHz * Math.Pow(ratio, k);
            var frequency = bandStart * Math.Pow(ratio, random.NextDouble());
            var bandwidth = bandStart * (ratio - 1);
            var density = 1 / (1 + ((frequency / corner) * (frequency / corner)));
            amplitude[k] = Math.Sqrt(2 * density * bandwidth);
            omega[k] = 2 * Math.PI * frequency;
            phase[k] = 2 * Math.PI * random.NextDouble();
            variance += amplitude[k] * amplitude[k] / 2;
        }

        var scale = variance > 0 ? standardDeviation / Math.Sqrt(variance) : 0;
        for (var k = 0; k < components; k++)
        {
            amplitude[k] *= scale;
        }
    }

    public double Value(double seconds)
    {
        var sum = 0.0;
        for (var k = 0; k < amplitude.Length; k++)
        {
            sum += amplitude[k] * Math.Cos((omega[k] * seconds) + phase[k]);
        }

        return sum;
    }

    /// <summary>The value, its integral from time 0, and its derivative, at <paramref name="seconds"/>.</summary>
    public (double Value, double Integral, double Derivative) Evaluate(double seconds)
    {
        double value = 0, integral = 0, derivative = 0;
        for (var k = 0; k < amplitude.Length; k++)
        {
            var (sin, cos) = Math.SinCos((omega[k] * seconds) + phase[k]);
            value += amplitude[k] * cos;
            integral += amplitude[k] / omega[k] * (sin - Math.Sin(phase[k]));
            derivative -= amplitude[k] * omega[k] * sin;
        }

        return (value, integral, derivative);
    }
}
