namespace Pdc.Analytics.Numerics;

/// <summary>
/// Tail probabilities of the chi-square distribution (through the regularized upper incomplete gamma function,
/// series and continued fraction as in Numerical Recipes), for detection thresholds and p-values.
/// </summary>
internal static class ChiSquare
{
    /// <summary>P(X &gt; x) for X ~ χ² with <paramref name="degreesOfFreedom"/> (need not be an integer).</summary>
    public static double UpperTail(double degreesOfFreedom, double x) =>
        x <= 0 ? 1 : UpperRegularizedGamma(degreesOfFreedom / 2, x / 2);

    /// <summary>The x with P(X/ν &gt; x) = <paramref name="probability"/>: the threshold on a mean of ν/2 exponential-like terms.</summary>
    public static double ScaledThreshold(double degreesOfFreedom, double probability)
    {
        double low = 0, high = 1;
        while (UpperTail(degreesOfFreedom, high * degreesOfFreedom) > probability)
        {
            high *= 2;
        }

        for (var i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            var middle = (low + high) / 2;
            if (UpperTail(degreesOfFreedom, middle * degreesOfFreedom) > probability)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return high;
    }

    private static double UpperRegularizedGamma(double a, double x)
    {
        if (x < a + 1)
        {
            // Series for the lower function P(a, x).
            var term = 1 / a;
            var sum = term;
            for (var n = 1; n < 1000; n++)
            {
                term *= x / (a + n);
                sum += term;
                if (Math.Abs(term) < Math.Abs(sum) * 1e-15)
                {
                    break;
                }
            }

            return Math.Max(0, 1 - (sum * Math.Exp((a * Math.Log(x)) - x - LogGamma(a))));
        }

        // Continued fraction for Q(a, x) (modified Lentz).
        const double Tiny = 1e-300;
        var b = x + 1 - a;
        var c = 1 / Tiny;
        var d = 1 / b;
        var h = d;
        for (var i = 1; i < 1000; i++)
        {
            var an = -i * (i - a);
            b += 2;
            d = (an * d) + b;
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = b + (an / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15)
            {
                break;
            }
        }

        return Math.Exp((a * Math.Log(x)) - x - LogGamma(a)) * h;
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7, nine terms).</summary>
    private static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = coefficients[0];
        var t = x + 7.5;
        for (var i = 1; i < coefficients.Length; i++)
        {
            sum += coefficients[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
