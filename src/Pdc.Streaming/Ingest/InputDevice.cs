using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// One PMU delivered by an input: the input's only PMU, or one of the PMUs inside an upstream PDC's stream.
/// The object lives as long as the PMU's IDCODE stays in the input's config; <see cref="PmuIndex"/> and
/// <see cref="Config"/> follow config changes and are consistent with the frame during a sink call.
/// </summary>
public sealed class InputDevice
{
    internal InputDevice(Input input, PmuConfig config, int pmuIndex)
    {
        Input = input;
        Config = config;
        PmuIndex = pmuIndex;
    }

    public Input Input { get; }

    /// <summary>The PMU's IDCODE (from its config block).</summary>
    public ushort IdCode => Config.IdCode;

    public string StationName => Config.StationName;

    public PmuConfig Config { get; private set; }

    /// <summary>The PMU's position in the data frame: index into STAT, FREQ, DFREQ and the per-PMU slices.</summary>
    public int PmuIndex { get; private set; }

    // Counted under the input's lock as frames are delivered.
    internal long Frames;
    internal long SyncErrors;
    internal long DataErrors;
    internal long ConfigChangeFlags;

    internal void Update(PmuConfig config, int pmuIndex)
    {
        Config = config;
        PmuIndex = pmuIndex;
    }

    internal void Count(ushort stat)
    {
        Frames++;
        SyncErrors += (stat & Stat.SyncErrorBit) != 0 ? 1 : 0;
        DataErrors += (stat & (Stat.DataInvalidBit | Stat.PmuErrorBit)) != 0 ? 1 : 0;
        ConfigChangeFlags += (stat & Stat.ConfigChangeBit) != 0 ? 1 : 0;
    }

    internal PmuStatistics GetStatistics() => new(IdCode, StationName, Frames, SyncErrors, DataErrors, ConfigChangeFlags, Config.ConfigChangeCount);

    public override string ToString() => $"{Input.Name}/{StationName} ({IdCode})";
}
