using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>A device the concentrator aligns: one PMU (a stream's only PMU, or one inside an upstream PDC's stream).</summary>
/// <param name="Config">The PMU's block of its source's CFG-2/CFG-3; its IDCODE identifies the device.</param>
/// <param name="FramesPerSecond">The source's reporting rate.</param>
/// <param name="TimeBase">The source's TIME_BASE.</param>
public sealed record DeviceSource(PmuConfig Config, int FramesPerSecond, uint TimeBase)
{
    public ushort IdCode => Config.IdCode;

    /// <summary>The device as described by stream <paramref name="source"/>'s PMU block <paramref name="pmuIndex"/>.</summary>
    public static DeviceSource From(ConfigFrame source, int pmuIndex)
    {
        ArgumentNullException.ThrowIfNull(source);
        var rate = source.DataRate > 0 ? source.DataRate : 1;
        return new DeviceSource(source.Pmus[pmuIndex], rate, source.TimeBase);
    }
}
