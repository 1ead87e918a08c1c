namespace Pdc.Analytics.Numerics;

/// <summary>
/// Eigenvalues and eigenvectors of a real symmetric matrix: Householder reduction to tridiagonal form, then
/// the implicit QL method (the EISPACK tred2/tql2 pair, as in JAMA). All storage is allocated once for the
/// order given at construction, so solving allocates nothing.
/// </summary>
internal sealed class SymmetricEigensolver
{
    private const int MaxIterationsPerEigenvalue = 60;

    private readonly int n;
    private readonly double[] vectors;
    private readonly double[] values;
    private readonly double[] offDiagonal;

    public SymmetricEigensolver(int order)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        n = order;
        vectors = new double[order * order];
        values = new double[order];
        offDiagonal = new double[order];
    }

    /// <summary>Eigenvalues in ascending order after <see cref="Solve"/>.</summary>
    public ReadOnlySpan<double> Values => values;

    /// <summary>Component <paramref name="row"/> of the eigenvector that belongs to eigenvalue <paramref name="index"/>.</summary>
    public double Vector(int row, int index) => vectors[(row * n) + index];

    /// <summary>Decomposes <paramref name="matrix"/> (row-major, n×n, only read); false when QL fails to converge.</summary>
    public bool Solve(ReadOnlySpan<double> matrix)
    {
        if (matrix.Length != n * n)
        {
            throw new ArgumentException($"Expected {n}×{n} values.", nameof(matrix));
        }

        matrix.CopyTo(vectors);
        Tridiagonalize();
        return DiagonalizeTridiagonal();
    }

    private void Tridiagonalize()
    {
        var v = vectors;
        var d = values;
        var e = offDiagonal;
        for (var j = 0; j < n; j++)
        {
            d[j] = v[((n - 1) * n) + j];
        }

        for (var i = n - 1; i > 0; i--)
        {
            var scale = 0.0;
            var h = 0.0;
            for (var k = 0; k < i; k++)
            {
                scale += Math.Abs(d[k]);
            }

            if (scale == 0.0)
            {
                e[i] = d[i - 1];
                for (var j = 0; j < i; j++)
                {
                    d[j] = v[((i - 1) * n) + j];
                    v[(i * n) + j] = 0.0;
                    v[(j * n) + i] = 0.0;
                }
            }
            else
            {
                for (var k = 0; k < i; k++)
                {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }

                var f = d[i - 1];
                var g = Math.Sqrt(h);
                if (f > 0)
                {
                    g = -g;
                }

                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (var j = 0; j < i; j++)
                {
                    e[j] = 0.0;
                }

                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    v[(j * n) + i] = f;
                    g = e[j] + (v[(j * n) + j] * f);
                    for (var k = j + 1; k <= i - 1; k++)
                    {
                        g += v[(k * n) + j] * d[k];
                        e[k] += v[(k * n) + j] * f;
                    }

                    e[j] = g;
                }

                f = 0.0;
                for (var j = 0; j < i; j++)
                {
                    e[j] /= h;
                    f += e[j] * d[j];
                }

                var hh = f / (h + h);
                for (var j = 0; j < i; j++)
                {
                    e[j] -= hh * d[j];
                }

                for (var j = 0; j < i; j++)
                {
                    f = d[j];
                    g = e[j];
                    for (var k = j; k <= i - 1; k++)
                    {
                        v[(k * n) + j] -= (f * e[k]) + (g * d[k]);
                    }

                    d[j] = v[((i - 1) * n) + j];
                    v[(i * n) + j] = 0.0;
                }
            }

            d[i] = h;
        }

        for (var i = 0; i < n - 1; i++)
        {
            v[((n - 1) * n) + i] = v[(i * n) + i];
            v[(i * n) + i] = 1.0;
            var h = d[i + 1];
            if (h != 0.0)
            {
                for (var k = 0; k <= i; k++)
                {
                    d[k] = v[(k * n) + i + 1] / h;
                }

                for (var j = 0; j <= i; j++)
                {
                    var g = 0.0;
                    for (var k = 0; k <= i; k++)
                    {
                        g += v[(k * n) + i + 1] * v[(k * n) + j];
                    }

                    for (var k = 0; k <= i; k++)
                    {
                        v[(k * n) + j] -= g * d[k];
                    }
                }
            }

            for (var k = 0; k <= i; k++)
            {
                v[(k * n) + i + 1] = 0.0;
            }
        }

        for (var j = 0; j < n; j++)
        {
            d[j] = v[((n - 1) * n) + j];
            v[((n - 1) * n) + j] = 0.0;
        }

        v[(n * n) - 1] = 1.0;
        e[0] = 0.0;
    }

    private bool DiagonalizeTridiagonal()
    {
        var v = vectors;
        var d = values;
        var e = offDiagonal;
        for (var i = 1; i < n; i++)
        {
            e[i - 1] = e[i];
        }

        e[n - 1] = 0.0;
        var f = 0.0;
        var tst1 = 0.0;
        const double Eps = 2.220446049250313e-16;
        for (var l = 0; l < n; l++)
        {
            tst1 = Math.Max(tst1, Math.Abs(d[l]) + Math.Abs(e[l]));
            var m = l;
            while (m < n - 1 && Math.Abs(e[m]) > Eps * tst1)
            {
                m++;
            }

            if (m > l)
            {
                var iterations = 0;
                do
                {
                    if (++iterations > MaxIterationsPerEigenvalue)
                    {
                        return false;
                    }

                    var g = d[l];
                    var p = (d[l + 1] - g) / (2.0 * e[l]);
                    var r = Hypot(p, 1.0);
                    if (p < 0)
                    {
                        r = -r;
                    }

                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    var dl1 = d[l + 1];
                    var h = g - d[l];
                    for (var i = l + 2; i < n; i++)
                    {
                        d[i] -= h;
                    }

                    f += h;
                    p = d[m];
                    var c = 1.0;
                    var c2 = c;
                    var c3 = c;
                    var el1 = e[l + 1];
                    var s = 0.0;
                    var s2 = 0.0;
                    for (var i = m - 1; i >= l; i--)
                    {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Hypot(p, e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = (c * d[i]) - (s * g);
                        d[i + 1] = h + (s * ((c * g) + (s * d[i])));
                        for (var k = 0; k < n; k++)
                        {
                            var row = k * n;
                            h = v[row + i + 1];
                            v[row + i + 1] = (s * v[row + i]) + (c * h);
                            v[row + i] = (c * v[row + i]) - (s * h);
                        }
                    }

                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                }
                while (Math.Abs(e[l]) > Eps * tst1);
            }

            d[l] += f;
            e[l] = 0.0;
        }

        SortAscending();
        return true;
    }

    private void SortAscending()
    {
        var v = vectors;
        var d = values;
        for (var i = 0; i < n - 1; i++)
        {
            var k = i;
            var p = d[i];
            for (var j = i + 1; j < n; j++)
            {
                if (d[j] < p)
                {
                    k = j;
                    p = d[j];
                }
            }

            if (k != i)
            {
                d[k] = d[i];
                d[i] = p;
                for (var j = 0; j < n; j++)
                {
                    var row = j * n;
                    (v[row + i], v[row + k]) = (v[row + k], v[row + i]);
                }
            }
        }
    }

    private static double Hypot(double a, double b)
    {
        var x = Math.Abs(a);
        var y = Math.Abs(b);
        if (x < y)
        {
            (x, y) = (y, x);
        }

        if (x == 0)
        {
            return 0;
        }

        var ratio = y / x;
        return x * Math.Sqrt(1 + (ratio * ratio));
    }
}
