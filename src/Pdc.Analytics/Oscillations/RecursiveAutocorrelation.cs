using Pdc.Analytics.Numerics;

namespace Pdc.Analytics.Oscillations;

/// <summary>
/// Autocorrelations r[0..p] of one detrended signal with exponential forgetting, updated per sample in O(p),
/// and the autoregressive model they imply (Levinson-Durbin), whose poles are found as the eigenvalues of the
/// companion matrix. Allocates only at construction.
/// </summary>
internal sealed class RecursiveAutocorrelation
{
    private readonly int order;
    private readonly double forgetting;
    private readonly double meanGain;
    private readonly double[] correlation;
    private readonly double[] lags;
    private readonly double[] coefficients;
    private readonly double[] companion;
    private readonly double[] poleReal;
    private readonly double[] poleImaginary;
    private readonly RealEigensolver solver;
    private double mean = double.NaN;
    private double validWeight;
    private double totalWeight;

    /// <param name="order">AR order p.</param>
    /// <param name="windowSamples">Forgetting time constant, in samples.</param>
    /// <param name="detrendSamples">Time constant of the running mean removed first, in samples.</param>
    public RecursiveAutocorrelation(int order, double windowSamples, double detrendSamples)
    {
        this.order = order;
        forgetting = Math.Exp(-1 / windowSamples);
        meanGain = 1 - Math.Exp(-1 / detrendSamples);
        correlation = new double[order + 1];
        lags = new double[order + 1];
        Array.Fill(lags, double.NaN);
        coefficients = new double[order + 1];
        companion = new double[order * order];
        poleReal = new double[order];
        poleImaginary = new double[order];
        solver = new RealEigensolver(order);
    }

    /// <summary>Exponentially weighted share of the samples so far that were valid (1 when all were).</summary>
    public double Coverage => totalWeight > 0 ? validWeight / totalWeight : 0;

    public ReadOnlySpan<double> PoleReal => poleReal;

    public ReadOnlySpan<double> PoleImaginary => poleImaginary;

    public double InnovationVariance { get; private set; }

    /// <summary>Adds one sample (NaN when invalid).</summary>
    public void Add(double value)
    {
        Array.Copy(lags, 0, lags, 1, order);
        var valid = !double.IsNaN(value);
        validWeight = (forgetting * validWeight) + (valid ? 1 : 0);
        totalWeight = (forgetting * totalWeight) + 1;
        if (!valid)
        {
            lags[0] = double.NaN;
            for (var k = 0; k <= order; k++)
            {
                correlation[k] *= forgetting;
            }

            return;
        }

        mean = double.IsNaN(mean) ? value : mean + ((value - mean) * meanGain);
        var deviation = value - mean;
        lags[0] = deviation;
        for (var k = 0; k <= order; k++)
        {
            var lagged = lags[k];
            correlation[k] = (forgetting * correlation[k]) + (double.IsNaN(lagged) ? 0 : deviation * lagged);
        }
    }

    /// <summary>Fits the model and finds its poles; false when the autocorrelation is degenerate.</summary>
    public bool TryFit()
    {
        InnovationVariance = LevinsonDurbin.Solve(correlation, coefficients);
        if (double.IsNaN(InnovationVariance))
        {
            return false;
        }

        Array.Clear(companion);
        for (var k = 0; k < order; k++)
        {
            companion[k] = -coefficients[k + 1];
            if (k > 0)
            {
                companion[(k * order) + k - 1] = 1;
            }
        }

        return solver.Solve(companion, order, poleReal, poleImaginary);
    }

    /// <summary>The fitted model's spectral density at <paramref name="radiansPerSample"/> (arbitrary scale).</summary>
    public double Spectrum(double radiansPerSample)
    {
        double real = 0, imaginary = 0;
        for (var k = 0; k <= order; k++)
        {
            real += coefficients[k] * Math.Cos(k * radiansPerSample);
            imaginary -= coefficients[k] * Math.Sin(k * radiansPerSample);
        }

        return InnovationVariance / ((real * real) + (imaginary * imaginary));
    }
}
