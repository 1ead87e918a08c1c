namespace Pdc.Streaming.Alignment;

/// <summary>What one concentrator's alignment has done since it started.</summary>
public sealed class AlignmentStatistics
{
    private readonly Dictionary<ushort, DeviceAlignmentCounters> devices = [];

    public long Published { get; internal set; }

    /// <summary>Published with every device present.</summary>
    public long PublishedComplete { get; internal set; }

    /// <summary>Published before the lag time ran out (all devices in).</summary>
    public long PublishedEarly { get; internal set; }

    /// <summary>Published when the lag time ran out, with devices missing.</summary>
    public long PublishedAtTimeout { get; internal set; }

    /// <summary>Instants between others that no device reported; published with every device missing.</summary>
    public long PublishedEmpty { get; internal set; }

    /// <summary>Instants never published because every device was silent for longer than the buffer spans.</summary>
    public long SkippedInstants { get; internal set; }

    /// <summary>Frames from IDCODEs that no aligned device has.</summary>
    public long UnknownDeviceFrames { get; internal set; }

    public IReadOnlyDictionary<ushort, DeviceAlignmentCounters> Devices => devices;

    internal DeviceAlignmentCounters For(ushort idCode)
    {
        if (!devices.TryGetValue(idCode, out var counters))
        {
            counters = new DeviceAlignmentCounters(idCode);
            devices[idCode] = counters;
        }

        return counters;
    }
}
