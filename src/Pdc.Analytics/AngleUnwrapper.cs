namespace Pdc.Analytics;

/// <summary>Turns a sequence of angles wrapped to (−180°, 180°] into a continuous one, so a crossing of ±180° is not a jump.</summary>
internal struct AngleUnwrapper
{
    private double last;
    private bool started;

    /// <summary>The unwrapped angle nearest the previous one; NaN passes through and leaves the state alone.</summary>
    public double Unwrap(double degrees)
    {
        if (double.IsNaN(degrees))
        {
            return degrees;
        }

        last = started ? last + SignalSource.WrapDegrees(degrees - last) : degrees;
        started = true;
        return last;
    }
}
