using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// What one connection loop counted. Written by that loop only (commands by the loop's handshake, in sequence
/// with it), read by snapshots: 64-bit reads are atomic on the platforms Pdc runs on, and a snapshot may lag a frame.
/// </summary>
internal sealed class PathCounters
{
    private readonly long[] rejected = new long[Enum.GetValues<FrameRejection>().Length];
    private readonly long[] rejectedBytes = new long[Enum.GetValues<FrameRejection>().Length];
    private readonly long[] refused = new long[Enum.GetValues<IngestRejection>().Length];

    public long Connects;
    public long Frames;
    public long Bytes;
    public long ConfigFrames;
    public long StandbyFrames;
    public long CommandsSent;
    public long CommandTimeouts;

    public void Reject(FrameRejection reason, long bytes)
    {
        rejected[(int)reason]++;
        rejectedBytes[(int)reason] += bytes;
    }

    public void Refuse(IngestRejection reason) => refused[(int)reason]++;

    public long Rejected(FrameRejection reason) => rejected[(int)reason];

    public long RejectedBytes(FrameRejection reason) => rejectedBytes[(int)reason];

    public long Refused(IngestRejection reason) => refused[(int)reason];
}
