using System.Buffers;
using Pdc.Protocol;

namespace Pdc.Replay.Serving;

/// <summary>
/// One C37.118 stream of a capture, held in memory to be served again: its data frames' bytes back to back, the
/// capture time of each, and the descriptions (config, header) in force from each frame on.
/// </summary>
internal sealed class CapturedStream
{
    private readonly ArrayBufferWriter<byte> bytes = new(1 << 16);
    private readonly List<int> offsets = [0];
    private readonly List<long> packetTimes = [];
    private readonly List<(int FirstFrame, StreamDescription Description)> descriptions = [];

    public CapturedStream(ushort idCode, string source)
    {
        IdCode = idCode;
        Source = source;
    }

    /// <summary>The IDCODE its data frames carry.</summary>
    public ushort IdCode { get; }

    /// <summary>Where the capture saw it: "tcp 192.168.0.60:4712 -> 192.168.0.10:10470".</summary>
    public string Source { get; }

    public int FrameCount => packetTimes.Count;

    /// <summary>The timestamp (SOC, FRACSEC) of the first data frame, nanoseconds since the Unix epoch.</summary>
    public long FirstFrameTime { get; private set; }

    /// <summary>The latest timestamp any data frame carries.</summary>
    public long LastFrameTime { get; private set; } = long.MinValue;

    /// <summary>The description of the first data frame (the one a client that connects first is told).</summary>
    public StreamDescription FirstDescription => descriptions[0].Description;

    public ReadOnlySpan<byte> Frame(int index) => bytes.WrittenSpan[offsets[index]..offsets[index + 1]];

    /// <summary>When the packet that completed frame <paramref name="index"/> was captured (or its own timestamp, where the capture has no times).</summary>
    public long PacketTime(int index) => packetTimes[index];

    /// <summary>The description in force for frame <paramref name="index"/>.</summary>
    public StreamDescription DescriptionAt(int index)
    {
        var found = descriptions.Count - 1;
        while (found > 0 && descriptions[found].FirstFrame > index)
        {
            found--;
        }

        return descriptions[found].Description;
    }

    /// <summary>The first frame captured at or after <paramref name="packetTime"/>; <see cref="FrameCount"/> when none is.</summary>
    public int IndexAtOrAfter(long packetTime)
    {
        int low = 0, high = packetTimes.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (packetTimes[middle] < packetTime)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>Adds a data frame; <paramref name="description"/> is kept when it differs from the one in force.</summary>
    public void Add(ReadOnlySpan<byte> frame, long packetTime, long frameTime, StreamDescription description)
    {
        if (descriptions.Count == 0 || !ReferenceEquals(descriptions[^1].Description, description))
        {
            descriptions.Add((FrameCount, description));
        }

        if (FrameCount == 0)
        {
            FirstFrameTime = frameTime;
        }

        LastFrameTime = Math.Max(LastFrameTime, frameTime);

        // A capture's clock may step back a little (reordered packets); serving times never go backwards.
        packetTimes.Add(FrameCount == 0 ? packetTime : Math.Max(packetTime, packetTimes[^1]));
        frame.CopyTo(bytes.GetSpan(frame.Length));
        bytes.Advance(frame.Length);
        offsets.Add(bytes.WrittenCount);
    }

    /// <summary>Every config the stream's data frames decode with, in order.</summary>
    public IEnumerable<ConfigFrame> Configs => descriptions.Select(d => d.Description.Config);
}
