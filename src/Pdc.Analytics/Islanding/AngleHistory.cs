namespace Pdc.Analytics.Islanding;

/// <summary>The unwrapped angle difference of one group over the drift window, in degrees.</summary>
internal sealed class AngleHistory(int window)
{
    private readonly double[] ring = CreateRing(window + 1);
    private int next;
    private bool filled;
    private AngleUnwrapper unwrapper;

    public double Latest => At(0);

    /// <summary>Records a wrapped angle (degrees), unwrapped against the last one recorded.</summary>
    public void Push(double angle)
    {
        Record(unwrapper.Unwrap(angle));
    }

    /// <summary>Records <paramref name="samples"/> missing samples.</summary>
    public void Skip(int samples)
    {
        for (var i = 0; i < Math.Min(samples, ring.Length); i++)
        {
            Record(double.NaN);
        }
    }

    /// <summary>
    /// The drift across the window (degrees) when it moved the same way in each quarter of the window, else 0
    /// (an oscillation swings back within the window; an island slips steadily).
    /// </summary>
    public double SteadyDrift()
    {
        if (!filled)
        {
            return 0;
        }

        var span = ring.Length - 1;
        var first = At(span);
        var drift = At(0) - first;
        if (!double.IsFinite(drift) || drift == 0)
        {
            return 0;
        }

        var previous = first;
        for (var quarter = 3; quarter >= 0; quarter--)
        {
            var point = At(span * quarter / 4);
            var step = point - previous;
            if (!double.IsFinite(step) || Math.Sign(step) != Math.Sign(drift))
            {
                return 0;
            }

            previous = point;
        }

        return drift;
    }

    /// <summary>The value recorded <paramref name="ago"/> samples before the latest (NaN before any).</summary>
    private double At(int ago)
    {
        var index = next - 1 - ago;
        return ring[index < 0 ? index + ring.Length : index];
    }

    private void Record(double value)
    {
        ring[next] = value;
        if (++next == ring.Length)
        {
            next = 0;
            filled = true;
        }
    }

    private static double[] CreateRing(int length)
    {
        var values = new double[length];
        Array.Fill(values, double.NaN);
        return values;
    }
}
