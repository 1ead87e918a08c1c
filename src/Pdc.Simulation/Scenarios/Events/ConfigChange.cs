namespace Pdc.Simulation.Scenarios.Events;

/// <summary>
/// The configuration of some PMUs changes mid-stream: each gets one more phasor and a new CFGCNT, and their STAT
/// carries the configuration-change bit during the minute before, as the standard asks.
/// </summary>
internal sealed class ConfigChange(double atSeconds, IReadOnlyList<int> pmus) : ScenarioEvent(atSeconds, pmus)
{
    /// <summary>How long before the change STAT bit 10 warns of it.</summary>
    public const double WarningSeconds = 60;

    public override string Describe() => $"configuration change on {PmuList()}: one more phasor, CFGCNT + 1 (STAT bit 10 set the minute before)";
}
