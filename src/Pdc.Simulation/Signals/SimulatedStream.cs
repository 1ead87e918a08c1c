using Pdc.Protocol;

namespace Pdc.Simulation.Signals;

/// <summary>
/// One simulated C37.118 stream: its IDCODE, the PMUs it carries, and its configuration at any time (a
/// configuration change replaces it from the change's time on, with one more phasor and a new CFGCNT).
/// </summary>
public sealed class SimulatedStream
{
    private readonly (long FromUnixNanoseconds, ConfigFrame Config)[] revisions;

    internal SimulatedStream(ushort idCode, IReadOnlyList<int> pmus, (long FromUnixNanoseconds, ConfigFrame Config)[] revisions)
    {
        IdCode = idCode;
        Pmus = pmus;
        this.revisions = revisions;
    }

    /// <summary>The stream's IDCODE: the PDC-like IDCODE of a multi-PMU stream, or the PMU's own.</summary>
    public ushort IdCode { get; }

    /// <summary>The PMUs carried, as 0-based indices into the simulation's PMUs.</summary>
    public IReadOnlyList<int> Pmus { get; }

    /// <summary>The largest configuration the stream ever has (the last one).</summary>
    public ConfigFrame LastConfig => revisions[^1].Config;

    /// <summary>
    /// The CFG-2 (or, for 2011, CFG-3-capable) configuration in force at <paramref name="unixNanoseconds"/>; the same
    /// instance until the configuration changes, so a <see cref="DataFrame"/> built on it can be reused.
    /// </summary>
    public ConfigFrame ConfigAt(long unixNanoseconds)
    {
        var current = revisions[0].Config;
        foreach (var (from, config) in revisions)
        {
            if (from > unixNanoseconds)
            {
                break;
            }

            current = config;
        }

        return current;
    }
}
