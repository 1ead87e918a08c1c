using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>
/// One report instant with every device's values: the object outputs, detectors and the archive all read.
/// Pooled: it is valid until the consumer that received it returns; whoever keeps data copies the numbers.
/// </summary>
public sealed class AlignedFrame
{
    internal AlignedFrame(OutputLayout layout)
    {
        Layout = layout;
        Values = new DataFrame(layout.Config);
        Arrived = new bool[layout.Devices.Count];
        ArrivalNanoseconds = new long[layout.Devices.Count];
    }

    public OutputLayout Layout { get; }

    /// <summary>The values of every device, laid out by <see cref="OutputLayout.Config"/>; timestamp exact on the output grid.</summary>
    public DataFrame Values { get; }

    /// <summary>The report instant: its index on the output grid (instant k lies at k/rate s after the epoch).</summary>
    public long ReportIndex { get; private set; }

    public long ReportInstantNanoseconds { get; private set; }

    /// <summary>Which devices reported for this instant (a missing one carries STAT bit 15 or held values).</summary>
    public bool[] Arrived { get; }

    /// <summary>Local arrival time of each device's frame (0 when missing).</summary>
    public long[] ArrivalNanoseconds { get; }

    public int ArrivedCount { get; internal set; }

    public long LastArrivalNanoseconds { get; internal set; }

    /// <summary>Local time from which the lag time is counted out: the deadline, when not all devices arrive.</summary>
    public long DeadlineNanoseconds { get; internal set; }

    public PublicationReason Reason { get; internal set; }

    public long PublishedNanoseconds { get; internal set; }

    public bool IsComplete => ArrivedCount == Arrived.Length;

    /// <summary>When the instant could be published: its last device's arrival, or its deadline when one is missing.</summary>
    public long ReadyNanoseconds => IsComplete ? LastArrivalNanoseconds : DeadlineNanoseconds;

    internal void Reset(long reportIndex, long instantNanoseconds, FrameTimestamp timestamp, long deadline)
    {
        ReportIndex = reportIndex;
        ReportInstantNanoseconds = instantNanoseconds;
        Values.Timestamp = timestamp;
        Array.Clear(Arrived);
        Array.Clear(ArrivalNanoseconds);
        ArrivedCount = 0;
        LastArrivalNanoseconds = 0;
        DeadlineNanoseconds = deadline;
    }
}
