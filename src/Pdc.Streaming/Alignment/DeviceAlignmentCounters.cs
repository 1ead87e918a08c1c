namespace Pdc.Streaming.Alignment;

/// <summary>Per-device counts kept by the alignment.</summary>
public sealed class DeviceAlignmentCounters
{
    private readonly long[] byDisposition = new long[Enum.GetValues<FrameDisposition>().Length];

    public DeviceAlignmentCounters(ushort idCode)
    {
        IdCode = idCode;
    }

    public ushort IdCode { get; }

    /// <summary>Published instants in which this device was missing.</summary>
    public long Missing { get; internal set; }

    /// <summary>Published instants that carried this device's held last values.</summary>
    public long Held { get; internal set; }

    public long this[FrameDisposition disposition] => byDisposition[(int)disposition];

    internal void Count(FrameDisposition disposition) => byDisposition[(int)disposition]++;
}
