using Pdc.Analytics.Numerics;

namespace Pdc.Analytics.Tests.Numerics;

public class SpectralToolTests
{
    [Fact]
    public void Fft_MatchesTheDirectTransform()
    {
        const int N = 64;
        var random = new Random(3);
        var real = Enumerable.Range(0, N).Select(_ => random.NextDouble()).ToArray();
        var imaginary = Enumerable.Range(0, N).Select(_ => random.NextDouble()).ToArray();
        var expectedReal = new double[N];
        var expectedImaginary = new double[N];
        for (var k = 0; k < N; k++)
        {
            for (var n = 0; n < N; n++)
            {
                var angle = -2 * Math.PI * k * n / N;
                expectedReal[k] += (real[n] * Math.Cos(angle)) - (imaginary[n] * Math.Sin(angle));
                expectedImaginary[k] += (real[n] * Math.Sin(angle)) + (imaginary[n] * Math.Cos(angle));
            }
        }

        new Fft(N).Transform(real, imaginary);
        for (var k = 0; k < N; k++)
        {
            Assert.Equal(expectedReal[k], real[k], 1e-9);
            Assert.Equal(expectedImaginary[k], imaginary[k], 1e-9);
        }
    }

    [Theory]
    [InlineData(2, 1.0)]
    [InlineData(2, 10.0)]
    [InlineData(8, 3.0)]
    public void ChiSquare_UpperTail_MatchesClosedForm(int degreesOfFreedom, double x)
    {
        // For even ν: P(X > x) = e^(−x/2) Σ_{j < ν/2} (x/2)^j / j!.
        var sum = 0.0;
        var term = 1.0;
        for (var j = 0; j < degreesOfFreedom / 2; j++)
        {
            sum += term;
            term *= x / 2 / (j + 1);
        }

        Assert.Equal(Math.Exp(-x / 2) * sum, ChiSquare.UpperTail(degreesOfFreedom, x), 1e-12);
    }

    [Fact]
    public void ChiSquare_ScaledThreshold_IsCrossedWithTheAskedProbability()
    {
        var threshold = ChiSquare.ScaledThreshold(7.7, 1e-8);
        Assert.Equal(1e-8, ChiSquare.UpperTail(7.7, 7.7 * threshold), 1e-10);
    }

    [Fact]
    public void LevinsonDurbin_RecoversAnAr2ModelFromItsAutocorrelation()
    {
        // x = 1.5·x₋₁ − 0.7·x₋₂ + e: the Yule-Walker recursion r[k] = 1.5·r[k−1] − 0.7·r[k−2].
        var r = new double[4];
        r[0] = 1;
        r[1] = 1.5 / (1 + 0.7);
        r[2] = (1.5 * r[1]) - 0.7;
        r[3] = (1.5 * r[2]) - (0.7 * r[1]);
        var a = new double[4];
        var error = LevinsonDurbin.Solve(r, a);
        Assert.Equal(-1.5, a[1], 1e-12);
        Assert.Equal(0.7, a[2], 1e-12);
        Assert.Equal(0, a[3], 1e-12);
        Assert.True(error > 0);
    }
}
