namespace Pdc.Analytics;

/// <summary>What a monitored signal is computed from.</summary>
public enum SignalKind
{
    /// <summary>The PMU's frequency, Hz.</summary>
    Frequency,

    /// <summary>The angle of a phasor minus the angle of a phasor at a reference PMU, degrees in (−180, 180].</summary>
    AngleDifference,

    /// <summary>Active power from a voltage and a current phasor, PhaseCount·Re(V·I*), MW.</summary>
    ActivePower,

    /// <summary>A phasor's magnitude, in its engineering units (V or A).</summary>
    Magnitude,
}
