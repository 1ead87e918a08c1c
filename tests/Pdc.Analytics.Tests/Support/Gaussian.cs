namespace Pdc.Analytics.Tests.Support;

/// <summary>Seeded standard normal samples (Box-Muller), so every test run draws the same noise.</summary>
internal sealed class Gaussian(int seed)
{
    private readonly Random random = new(seed);
    private double spare = double.NaN;

    public double Next()
    {
        if (!double.IsNaN(spare))
        {
            var value = spare;
            spare = double.NaN;
            return value;
        }

        var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
        var angle = 2 * Math.PI * random.NextDouble();
        spare = radius * Math.Sin(angle);
        return radius * Math.Cos(angle);
    }
}
