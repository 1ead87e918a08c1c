using Pdc.Analytics.Numerics;

namespace Pdc.Analytics.Tests.Numerics;

public class EigensolverTests
{
    [Fact]
    public void Symmetric_RandomMatrix_VectorsAndValuesRebuildIt()
    {
        const int N = 12;
        var random = new Random(7);
        var matrix = new double[N * N];
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                matrix[(i * N) + j] = matrix[(j * N) + i] = random.NextDouble() - 0.5;
            }
        }

        var solver = new SymmetricEigensolver(N);
        Assert.True(solver.Solve(matrix));
        for (var i = 0; i < N; i++)
        {
            for (var j = 0; j < N; j++)
            {
                var rebuilt = 0.0;
                for (var k = 0; k < N; k++)
                {
                    rebuilt += solver.Vector(i, k) * solver.Values[k] * solver.Vector(j, k);
                }

                Assert.Equal(matrix[(i * N) + j], rebuilt, 1e-12);
            }
        }

        for (var k = 1; k < N; k++)
        {
            Assert.True(solver.Values[k] >= solver.Values[k - 1]);
        }
    }

    [Fact]
    public void Real_CompanionMatrix_FindsRealRootsAndConjugatePairs()
    {
        // (z − 0.5)(z + 2)(z² − 2·0.9·cos(0.3)·z + 0.81): roots 0.5, −2 and 0.9·e^(±0.3j).
        var c = 2 * 0.9 * Math.Cos(0.3);
        var quadratic = new[] { 1.0, -c, 0.81 };
        var linear = new[] { 1.0, 1.5, -1.0 };
        var product = new double[5];
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                product[i + j] += quadratic[i] * linear[j];
            }
        }

        var companion = new double[16];
        for (var k = 0; k < 4; k++)
        {
            companion[k] = -product[k + 1];
            if (k > 0)
            {
                companion[(k * 4) + k - 1] = 1;
            }
        }

        var real = new double[4];
        var imaginary = new double[4];
        Assert.True(new RealEigensolver(6).Solve(companion, 4, real, imaginary));
        var roots = real.Zip(imaginary).OrderBy(r => r.First).ThenBy(r => r.Second).ToArray();
        Assert.Equal(-2, roots[0].First, 1e-10);
        Assert.Equal(0.5, roots[1].First, 1e-10);
        Assert.Equal(0.9 * Math.Cos(0.3), roots[2].First, 1e-10);
        Assert.Equal(-0.9 * Math.Sin(0.3), roots[2].Second, 1e-10);
        Assert.Equal(0.9 * Math.Sin(0.3), roots[3].Second, 1e-10);
    }
}
