using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>A device the concentrator aligns: one PMU (a stream's only PMU, or one inside an upstream PDC's stream).</summary>
/// <param name="Config">The PMU's block of its source's CFG-2/CFG-3; its IDCODE identifies the device.</param>
/// <param name="FramesPerSecond">The source's reporting rate.</param>
/// <param name="TimeBase">The source's TIME_BASE.</param>
public sealed record DeviceSource(PmuConfig Config, int FramesPerSecond, uint TimeBase)
{
    public ushort IdCode => Config.IdCode;

    /// <summary>
    /// True when <paramref name="other"/> describes the same data: a config frame sent again (a new object with
    /// the same CFGCNT, format, channels and rate) is no change.
    /// </summary>
    public bool DescribesSame(DeviceSource other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (a, b) = (Config, other.Config);
        return FramesPerSecond == other.FramesPerSecond && TimeBase == other.TimeBase
            && a.IdCode == b.IdCode && a.ConfigChangeCount == b.ConfigChangeCount && a.Format == b.Format
            && a.StationName == b.StationName && a.NominalFrequency == b.NominalFrequency
            && a.Phasors.Count == b.Phasors.Count && a.Analogs.Count == b.Analogs.Count && a.Digitals.Count == b.Digitals.Count;
    }

    /// <summary>The device as described by stream <paramref name="source"/>'s PMU block <paramref name="pmuIndex"/>.</summary>
    public static DeviceSource From(ConfigFrame source, int pmuIndex)
    {
        ArgumentNullException.ThrowIfNull(source);
        var rate = source.DataRate > 0 ? source.DataRate : 1;
        return new DeviceSource(source.Pmus[pmuIndex], rate, source.TimeBase);
    }
}
