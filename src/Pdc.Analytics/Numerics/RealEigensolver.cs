namespace Pdc.Analytics.Numerics;

/// <summary>
/// Eigenvalues (no vectors) of a real nonsymmetric matrix: Householder reduction to upper Hessenberg form,
/// then Francis double-shift QR (the EISPACK orthes/hqr pair, as in JAMA). Complex eigenvalues come out in
/// exact conjugate pairs. Storage is allocated once for the largest order, so solving allocates nothing.
/// </summary>
internal sealed class RealEigensolver
{
    private const double Eps = 2.220446049250313e-16;

    private readonly int capacity;
    private readonly double[] h;
    private readonly double[] ort;

    public RealEigensolver(int maxOrder)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxOrder, 1);
        capacity = maxOrder;
        h = new double[maxOrder * maxOrder];
        ort = new double[maxOrder];
    }

    /// <summary>
    /// Writes the eigenvalues of the n×n row-major <paramref name="matrix"/> (only read) to <paramref name="real"/>
    /// and <paramref name="imaginary"/>; false when QR fails to converge.
    /// </summary>
    public bool Solve(ReadOnlySpan<double> matrix, int order, Span<double> real, Span<double> imaginary)
    {
        if (order < 1 || order > capacity || matrix.Length < order * order || real.Length < order || imaginary.Length < order)
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "The order exceeds the workspace or the spans are too short.");
        }

        matrix[..(order * order)].CopyTo(h);
        ReduceToHessenberg(order);
        return HessenbergQr(order, real, imaginary);
    }

    private void ReduceToHessenberg(int n)
    {
        var high = n - 1;
        for (var m = 1; m <= high - 1; m++)
        {
            var scale = 0.0;
            for (var i = m; i <= high; i++)
            {
                scale += Math.Abs(h[(i * n) + m - 1]);
            }

            if (scale == 0.0)
            {
                continue;
            }

            var hh = 0.0;
            for (var i = high; i >= m; i--)
            {
                ort[i] = h[(i * n) + m - 1] / scale;
                hh += ort[i] * ort[i];
            }

            var g = Math.Sqrt(hh);
            if (ort[m] > 0)
            {
                g = -g;
            }

            hh -= ort[m] * g;
            ort[m] -= g;
            for (var j = m; j < n; j++)
            {
                var f = 0.0;
                for (var i = high; i >= m; i--)
                {
                    f += ort[i] * h[(i * n) + j];
                }

                f /= hh;
                for (var i = m; i <= high; i++)
                {
                    h[(i * n) + j] -= f * ort[i];
                }
            }

            for (var i = 0; i <= high; i++)
            {
                var f = 0.0;
                for (var j = high; j >= m; j--)
                {
                    f += ort[j] * h[(i * n) + j];
                }

                f /= hh;
                for (var j = m; j <= high; j++)
                {
                    h[(i * n) + j] -= f * ort[j];
                }
            }

            ort[m] = scale * ort[m];
            h[(m * n) + m - 1] = scale * g;
        }
    }

    private bool HessenbergQr(int nn, Span<double> d, Span<double> e)
    {
        var n = nn - 1;
        const int Low = 0;
        var exshift = 0.0;
        double p = 0, q = 0, r = 0, s, z = 0, w, x, y;
        var norm = 0.0;
        for (var i = 0; i < nn; i++)
        {
            for (var j = Math.Max(i - 1, 0); j < nn; j++)
            {
                norm += Math.Abs(h[(i * nn) + j]);
            }
        }

        var iter = 0;
        var totalIterations = 0;
        while (n >= Low)
        {
            var l = n;
            while (l > Low)
            {
                s = Math.Abs(H(l - 1, l - 1)) + Math.Abs(H(l, l));
                if (s == 0.0)
                {
                    s = norm;
                }

                if (Math.Abs(H(l, l - 1)) < Eps * s)
                {
                    break;
                }

                l--;
            }

            if (l == n)
            {
                d[n] = H(n, n) + exshift;
                e[n] = 0.0;
                n--;
                iter = 0;
            }
            else if (l == n - 1)
            {
                w = H(n, n - 1) * H(n - 1, n);
                p = (H(n - 1, n - 1) - H(n, n)) / 2.0;
                q = (p * p) + w;
                z = Math.Sqrt(Math.Abs(q));
                x = H(n, n) + exshift;
                if (q >= 0)
                {
                    z = p >= 0 ? p + z : p - z;
                    d[n - 1] = x + z;
                    d[n] = z != 0.0 ? x - (w / z) : d[n - 1];
                    e[n - 1] = 0.0;
                    e[n] = 0.0;
                }
                else
                {
                    d[n - 1] = x + p;
                    d[n] = x + p;
                    e[n - 1] = z;
                    e[n] = -z;
                }

                n -= 2;
                iter = 0;
            }
            else
            {
                if (++totalIterations > 60 * nn)
                {
                    return false;
                }

                x = H(n, n);
                y = 0.0;
                w = 0.0;
                if (l < n)
                {
                    y = H(n - 1, n - 1);
                    w = H(n, n - 1) * H(n - 1, n);
                }

                if (iter == 10)
                {
                    // Wilkinson's exceptional shift.
                    exshift += x;
                    for (var i = Low; i <= n; i++)
                    {
                        h[(i * nn) + i] -= x;
                    }

                    s = Math.Abs(H(n, n - 1)) + Math.Abs(H(n - 1, n - 2));
                    x = y = 0.75 * s;
                    w = -0.4375 * s * s;
                }

                if (iter == 30)
                {
                    // MATLAB's exceptional shift.
                    s = (y - x) / 2.0;
                    s = (s * s) + w;
                    if (s > 0)
                    {
                        s = Math.Sqrt(s);
                        if (y < x)
                        {
                            s = -s;
                        }

                        s = x - (w / (((y - x) / 2.0) + s));
                        for (var i = Low; i <= n; i++)
                        {
                            h[(i * nn) + i] -= s;
                        }

                        exshift += s;
                        x = y = w = 0.964;
                    }
                }

                iter++;
                var m = n - 2;
                while (m >= l)
                {
                    z = H(m, m);
                    r = x - z;
                    s = y - z;
                    p = (((r * s) - w) / H(m + 1, m)) + H(m, m + 1);
                    q = H(m + 1, m + 1) - z - r - s;
                    r = H(m + 2, m + 1);
                    s = Math.Abs(p) + Math.Abs(q) + Math.Abs(r);
                    p /= s;
                    q /= s;
                    r /= s;
                    if (m == l)
                    {
                        break;
                    }

                    if (Math.Abs(H(m, m - 1)) * (Math.Abs(q) + Math.Abs(r)) <
                        Eps * (Math.Abs(p) * (Math.Abs(H(m - 1, m - 1)) + Math.Abs(z) + Math.Abs(H(m + 1, m + 1)))))
                    {
                        break;
                    }

                    m--;
                }

                for (var i = m + 2; i <= n; i++)
                {
                    h[(i * nn) + i - 2] = 0.0;
                    if (i > m + 2)
                    {
                        h[(i * nn) + i - 3] = 0.0;
                    }
                }

                DoubleShiftStep(nn, n, l, m, p, q, r);
            }
        }

        return true;

        double H(int row, int column) => h[(row * nn) + column];
    }

    private void DoubleShiftStep(int nn, int n, int l, int m, double p, double q, double r)
    {
        var x = 0.0;
        for (var k = m; k <= n - 1; k++)
        {
            var notLast = k != n - 1;
            if (k != m)
            {
                p = H(k, k - 1);
                q = H(k + 1, k - 1);
                r = notLast ? H(k + 2, k - 1) : 0.0;
                x = Math.Abs(p) + Math.Abs(q) + Math.Abs(r);
                if (x == 0.0)
                {
                    continue;
                }

                p /= x;
                q /= x;
                r /= x;
            }

            var s = Math.Sqrt((p * p) + (q * q) + (r * r));
            if (p < 0)
            {
                s = -s;
            }

            if (s == 0)
            {
                continue;
            }

            if (k != m)
            {
                h[(k * nn) + k - 1] = -s * x;
            }
            else if (l != m)
            {
                h[(k * nn) + k - 1] = -h[(k * nn) + k - 1];
            }

            p += s;
            x = p / s;
            var y = q / s;
            var z = r / s;
            q /= p;
            r /= p;
            for (var j = k; j < nn; j++)
            {
                p = h[(k * nn) + j] + (q * h[((k + 1) * nn) + j]);
                if (notLast)
                {
                    p += r * h[((k + 2) * nn) + j];
                    h[((k + 2) * nn) + j] -= p * z;
                }

                h[(k * nn) + j] -= p * x;
                h[((k + 1) * nn) + j] -= p * y;
            }

            for (var i = 0; i <= Math.Min(n, k + 3); i++)
            {
                p = (x * h[(i * nn) + k]) + (y * h[(i * nn) + k + 1]);
                if (notLast)
                {
                    p += z * h[(i * nn) + k + 2];
                    h[(i * nn) + k + 2] -= p * r;
                }

                h[(i * nn) + k] -= p;
                h[(i * nn) + k + 1] -= p * q;
            }
        }

        double H(int row, int column) => h[(row * nn) + column];
    }
}
