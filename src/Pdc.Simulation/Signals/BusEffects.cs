namespace Pdc.Simulation.Signals;

/// <summary>
/// What the scenario's events do to one bus at one instant, summed over events: frequency deviation with its
/// integral and derivative, per-phase voltage and current multipliers, breakers forced open, and a trigger.
/// </summary>
internal struct BusEffects
{
    /// <summary>Added frequency deviation, Hz.</summary>
    public double FrequencyHz;

    /// <summary>Its integral since the simulation start, in cycles (Hz·s): the angle it added over 2π.</summary>
    public double Cycles;

    /// <summary>Its derivative, Hz/s.</summary>
    public double RocofHzPerSecond;

    public double VoltageA;
    public double VoltageB;
    public double VoltageC;

    /// <summary>Multiplier of all three phase currents.</summary>
    public double Current;

    /// <summary>Bits of the breaker-status digital word that events opened.</summary>
    public ushort OpenBreakers;

    /// <summary>A voltage magnitude fell low enough that the PMU sets its trigger (STAT bit 11, reason 1).</summary>
    public bool MagnitudeLowTrigger;

    public static BusEffects Neutral => new() { VoltageA = 1, VoltageB = 1, VoltageC = 1, Current = 1 };

    public void AddFrequency((double Value, double Integral, double Derivative) term, double gain = 1)
    {
        FrequencyHz += gain * term.Value;
        Cycles += gain * term.Integral;
        RocofHzPerSecond += gain * term.Derivative;
    }

    public void ScaleVoltage(double factor)
    {
        VoltageA *= factor;
        VoltageB *= factor;
        VoltageC *= factor;
    }
}
