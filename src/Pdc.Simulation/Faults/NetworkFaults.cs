using Pdc.Simulation.Serving;
using Pdc.Simulation.Signals;

namespace Pdc.Simulation.Faults;

/// <summary>
/// What the network does to one stream's data frames: per frame, seeded draws decide whether it is dropped,
/// corrupted (CHK inverted), held back to follow the next frame, or sent twice, and how late it leaves. The draws
/// depend on the seed, the stream and the report instant only, so a run is repeatable frame for frame.
/// </summary>
internal sealed class NetworkFaults(long seed, ushort idCode, SimulatorStatistics statistics)
{
    private const ulong Drop = 1;
    private const ulong Duplicate = 2;
    private const ulong Reorder = 3;
    private const ulong BadCrc = 4;
    private const ulong Jitter = 5;

    private byte[]? held;

    /// <summary>How long after its send time frame <paramref name="instant"/> leaves, in nanoseconds.</summary>
    public long JitterNanoseconds(long instant, FaultSettings settings) =>
        settings.JitterMilliseconds > 0 ? (long)(Draw(Jitter, instant) * settings.JitterMilliseconds * 1e6) : 0;

    /// <summary>Adds to <paramref name="output"/> the frames to send, in order, now that frame <paramref name="instant"/> is due.</summary>
    public void Apply(long instant, byte[] frame, FaultSettings settings, List<byte[]> output)
    {
        if (Happens(Drop, instant, settings.DropPercent))
        {
            statistics.AddFaultDrop();
            Release(output);
            return;
        }

        if (Happens(BadCrc, instant, settings.BadCrcPercent))
        {
            frame[^1] ^= 0xFF;
            frame[^2] ^= 0xFF;
            statistics.AddFaultBadCrc();
        }

        if (held is null && Happens(Reorder, instant, settings.ReorderPercent))
        {
            held = frame;
            statistics.AddFaultReorder();
            return;
        }

        output.Add(frame);
        if (Happens(Duplicate, instant, settings.DuplicatePercent))
        {
            output.Add(frame);
            statistics.AddFaultDuplicate();
        }

        Release(output);
    }

    private void Release(List<byte[]> output)
    {
        if (held is not null)
        {
            output.Add(held);
            held = null;
        }
    }

    private bool Happens(ulong kind, long instant, double percent) => percent > 0 && Draw(kind, instant) * 100 < percent;

    private double Draw(ulong kind, long instant) =>
        SeededRandom.UniformAt((ulong)seed, ((ulong)idCode << 8) | kind, (ulong)instant);
}
