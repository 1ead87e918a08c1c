using Pdc.Protocol;
using Pdc.Streaming.Ingest;

namespace Pdc.LoadTest;

/// <summary>Counts delivered frames and reads one value of each, as the cheapest real consumer would.</summary>
internal sealed class CountingSink : IFrameSink
{
    private long frames;
    private double checksum;

    public long Frames => Interlocked.Read(ref frames);

    public void OnDataFrame(InputDevice device, DataFrame frame, long arrivalNanoseconds)
    {
        checksum += frame.Frequency[device.PmuIndex];
        Interlocked.Increment(ref frames);
    }

    public override string ToString() => $"{Frames} frames, checksum {checksum}";
}
