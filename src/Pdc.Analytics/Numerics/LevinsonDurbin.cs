namespace Pdc.Analytics.Numerics;

/// <summary>Yule-Walker equations solved by the Levinson-Durbin recursion.</summary>
internal static class LevinsonDurbin
{
    /// <summary>
    /// Fits x[n] = −Σₖ a[k]·x[n−k] + e[n] (k = 1..p) to the autocorrelation r[0..p]; writes a[0] = 1, a[1..p] and
    /// returns the innovation variance, or NaN when r is not positive definite.
    /// </summary>
    public static double Solve(ReadOnlySpan<double> r, Span<double> a)
    {
        var order = r.Length - 1;
        a.Clear();
        a[0] = 1;
        var error = r[0];
        if (!(error > 0))
        {
            return double.NaN;
        }

        for (var m = 1; m <= order; m++)
        {
            var acc = r[m];
            for (var k = 1; k < m; k++)
            {
                acc += a[k] * r[m - k];
            }

            var reflection = -acc / error;
            for (int k = 1, j = m - 1; k <= j; k++, j--)
            {
                var ak = a[k];
                var aj = a[j];
                a[k] = ak + (reflection * aj);
                if (k != j)
                {
                    a[j] = aj + (reflection * ak);
                }
            }

            a[m] = reflection;
            error *= 1 - (reflection * reflection);
            if (!(error > 0))
            {
                return double.NaN;
            }
        }

        return error;
    }
}
