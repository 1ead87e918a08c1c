using System.Collections.Frozen;
using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>
/// Which devices an aligned frame holds, in which order, and the CFG-2 that describes it. Immutable; the
/// buffer builds a new one (with a higher <see cref="Generation"/>) when a device's configuration changes.
/// </summary>
public sealed class OutputLayout
{
    private readonly FrozenDictionary<ushort, int> indexByIdCode;

    public OutputLayout(AlignmentOptions options, IReadOnlyList<DeviceSource> devices, int generation)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(devices);
        Devices = devices;
        Generation = generation;
        indexByIdCode = devices.Select((d, i) => (d.IdCode, i)).ToFrozenDictionary(d => d.IdCode, d => d.i);
        if (indexByIdCode.Count != devices.Count)
        {
            throw new ArgumentException("Two devices share an IDCODE; every aligned device needs its own.", nameof(devices));
        }

        Config = new ConfigFrame(
            FrameType.Config2,
            options.Version,
            options.IdCode,
            default,
            options.TimeBase,
            devices.Select(d => d.Config).ToArray(),
            (short)options.FramesPerSecond);
    }

    public IReadOnlyList<DeviceSource> Devices { get; }

    /// <summary>Counts layout changes; output streams bump their CFGCNT when it moves.</summary>
    public int Generation { get; }

    /// <summary>The configuration of aligned frames: every device's PMU block, at the output rate and TIME_BASE.</summary>
    public ConfigFrame Config { get; }

    /// <summary>The device's position in aligned frames, or -1 when it is not aligned.</summary>
    public int IndexOf(ushort idCode) => indexByIdCode.TryGetValue(idCode, out var index) ? index : -1;
}
