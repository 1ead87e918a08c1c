namespace Pdc.Analytics.Overload;

/// <summary>
/// First-order thermal model of IEC 60255-149, normalised so that 1.0 is the trip level: the heat content H
/// tends to (I/(k·I_B))² with time constant τ. The update is exact for a current constant between samples,
/// so trip times match t = τ·ln((I² − I_p²)/(I² − (k·I_B)²)) to within one sample.
/// </summary>
internal struct ThermalReplica
{
    /// <summary>Heat content as a share of the trip level.</summary>
    public double Level;

    /// <summary>Advances by <paramref name="steps"/> samples at <paramref name="current"/>, given 1 − e^(−Δt/τ) for one sample.</summary>
    public void Advance(double current, double tripCurrent, double oneStepGain, int steps)
    {
        var target = current / tripCurrent;
        target *= target;
        var gain = steps == 1 ? oneStepGain : 1 - Math.Pow(1 - oneStepGain, steps);
        Level += (target - Level) * gain;
    }

    /// <summary>Seconds to trip from heat content <paramref name="level"/> at a constant <paramref name="current"/>; infinite when it never trips.</summary>
    public static double TripTime(double level, double current, double tripCurrent, double timeConstantSeconds)
    {
        var target = current / tripCurrent;
        target *= target;
        if (level >= 1)
        {
            return 0;
        }

        return target <= 1 ? double.PositiveInfinity : timeConstantSeconds * Math.Log((target - level) / (target - 1));
    }
}
