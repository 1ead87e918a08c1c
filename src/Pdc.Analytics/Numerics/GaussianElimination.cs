namespace Pdc.Analytics.Numerics;

/// <summary>Solves small dense linear systems in place, with partial pivoting.</summary>
internal static class GaussianElimination
{
    /// <summary>
    /// Solves A·x = b for the n×n row-major <paramref name="a"/> (destroyed); x replaces <paramref name="b"/>.
    /// False when A is singular to working precision.
    /// </summary>
    public static bool Solve(Span<double> a, Span<double> b, int n)
    {
        var largest = 0.0;
        for (var i = 0; i < n * n; i++)
        {
            largest = Math.Max(largest, Math.Abs(a[i]));
        }

        var tiny = largest * 1e-14;
        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++)
            {
                if (Math.Abs(a[(row * n) + column]) > Math.Abs(a[(pivot * n) + column]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[(pivot * n) + column]) <= tiny)
            {
                return false;
            }

            if (pivot != column)
            {
                for (var j = column; j < n; j++)
                {
                    (a[(column * n) + j], a[(pivot * n) + j]) = (a[(pivot * n) + j], a[(column * n) + j]);
                }

                (b[column], b[pivot]) = (b[pivot], b[column]);
            }

            var diagonal = a[(column * n) + column];
            for (var row = column + 1; row < n; row++)
            {
                var factor = a[(row * n) + column] / diagonal;
                if (factor == 0)
                {
                    continue;
                }

                for (var j = column; j < n; j++)
                {
                    a[(row * n) + j] -= factor * a[(column * n) + j];
                }

                b[row] -= factor * b[column];
            }
        }

        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var j = row + 1; j < n; j++)
            {
                sum -= a[(row * n) + j] * b[j];
            }

            b[row] = sum / a[(row * n) + row];
        }

        return true;
    }
}
