using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>
/// How the PMU blocks of one source config land in a layout, worked out once per config and layout. When the
/// frame's PMUs are consecutive devices of the layout, in the frame's order, reported at the output rate with one
/// TIME_BASE, a whole frame is placed with one slot lookup and one copy per value array (<see cref="IsBlock"/>).
/// </summary>
internal sealed class FrameBlockPlan
{
    private FrameBlockPlan(ConfigFrame config, DeviceTrack[]? tracks)
    {
        Config = config;
        Tracks = tracks ?? [];
    }

    public ConfigFrame Config { get; }

    /// <summary>The frame's PMUs' tracks, in frame order; empty when the frame cannot be placed as a block.</summary>
    public DeviceTrack[] Tracks { get; }

    public bool IsBlock => Tracks.Length > 0;

    /// <summary>The layout position of the frame's first PMU.</summary>
    public int FirstDevice => Tracks[0].Index;

    /// <summary>Whether the plan was worked out for this config; a new layout discards every plan (<see cref="AlignmentBuffer.SetDevices"/>).</summary>
    public bool Fits(ConfigFrame config) => ReferenceEquals(config, Config);

    public static FrameBlockPlan For(ConfigFrame config, OutputLayout layout, DeviceTracks tracks)
    {
        var pmus = config.Pmus;
        var found = new DeviceTrack[pmus.Count];
        for (var pmu = 0; pmu < pmus.Count; pmu++)
        {
            if (tracks.Find(pmus[pmu].IdCode) is not { } track
                || !track.PassesThrough
                || track.Source.TimeBase != config.TimeBase
                || (pmu > 0 && track.Index != found[0].Index + pmu)
                || !SameChannelCounts(pmus[pmu], layout.Devices[track.Index].Config))
            {
                return new FrameBlockPlan(config, null);
            }

            found[pmu] = track;
        }

        return new FrameBlockPlan(config, pmus.Count > 0 ? found : null);
    }

    private static bool SameChannelCounts(PmuConfig a, PmuConfig b) =>
        a.Phasors.Count == b.Phasors.Count && a.Analogs.Count == b.Analogs.Count && a.Digitals.Count == b.Digitals.Count;
}
