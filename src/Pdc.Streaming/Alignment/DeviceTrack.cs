namespace Pdc.Streaming.Alignment;

/// <summary>What the alignment keeps per device: its source description, place in the layout, input grid, rate converter and counts.</summary>
internal sealed class DeviceTrack(DeviceSource source, int index, IDownsampler downsampler, DeviceAlignmentCounters counters)
{
    public DeviceSource Source { get; } = source;

    /// <summary>The device's position in the layout the track was made for.</summary>
    public int Index { get; } = index;

    public ReportGrid InputGrid { get; } = new(source.FramesPerSecond);

    public IDownsampler Downsampler { get; } = downsampler;

    /// <summary>At the output rate: each frame is placed as it is, without asking the rate converter.</summary>
    public bool PassesThrough { get; } = downsampler is InstantMapper { IsIdentity: true };

    public DeviceAlignmentCounters Counters { get; } = counters;

    public static IDownsampler CreateDownsampler(DeviceSource source, int outputRate, DownsamplingMethod method) =>
        source.FramesPerSecond <= outputRate
            ? new InstantMapper(source.FramesPerSecond, outputRate, nearest: false)
            : method switch
            {
                DownsamplingMethod.Last => new InstantMapper(source.FramesPerSecond, outputRate, nearest: false),
                DownsamplingMethod.Nearest => new InstantMapper(source.FramesPerSecond, outputRate, nearest: true),
                DownsamplingMethod.Average => new AverageDownsampler(source, outputRate),
                _ => new FirDownsampler(source, outputRate),
            };
}
