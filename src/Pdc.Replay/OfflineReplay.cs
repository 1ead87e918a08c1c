using Pdc.Capture;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Time;

namespace Pdc.Replay;

/// <summary>
/// Pushes a capture through the concentrator as fast as the machine allows, with the capture's own clock
/// standing in for the local clock: each packet's capture time is its arrival time, so two runs over the same
/// file publish the same frames at the same (capture) times, byte for byte. Every PMU of every stream in the
/// capture becomes an aligned device, in the order their configs appear.
/// </summary>
public sealed class OfflineReplay
{
    private readonly AlignmentOptions options;
    private readonly IReadOnlyList<IAlignedFrameConsumer> consumers;
    private readonly ManualClock clock = new();
    private readonly AlignmentBuffer buffer;
    private readonly List<AlignedFrame> ready = new(64);
    private readonly HashSet<ConfigFrame> registered = new(ReferenceEqualityComparer.Instance);

    public OfflineReplay(AlignmentOptions options, IReadOnlyList<IAlignedFrameConsumer> consumers)
    {
        this.options = options;
        this.consumers = consumers;
        buffer = new AlignmentBuffer(options, clock);
    }

    public AlignmentStatistics Statistics => buffer.Statistics;

    public OutputLayout Layout => buffer.Layout;

    /// <summary>Data frames read from the capture (each may hold several PMUs).</summary>
    public long DataFrames { get; private set; }

    /// <summary>Replays every stream of <paramref name="reader"/>; <paramref name="onProgress"/> gets the file offset reached.</summary>
    public void Run(CaptureReader reader, Action<long>? onProgress = null, CancellationToken cancellation = default)
    {
        var decoder = new CaptureStreamDecoder();
        decoder.Run(reader, OnFrame, offset =>
        {
            Publish();
            onProgress?.Invoke(offset);
        }, cancellation);

        // Let every instant still waiting reach its deadline.
        clock.Advance((options.LagTime + options.LeadTime).Ticks * 100 * 2);
        Publish();
    }

    private void OnFrame(CaptureFlow flow, long? packetNanoseconds, DecodedFrame frame)
    {
        if (frame.Config is { } config && config.Type != FrameType.Config1)
        {
            Register(config);
            return;
        }

        if (frame.Data is not { } data)
        {
            return;
        }

        DataFrames++;
        var arrival = packetNanoseconds ?? data.Timestamp.ToUnixNanoseconds(data.Config.TimeBase);
        if (arrival > clock.UtcNowNanoseconds)
        {
            clock.Set(arrival);
        }

        Register(data.Config);
        for (var pmu = 0; pmu < data.Config.Pmus.Count; pmu++)
        {
            buffer.Place(data.Config.Pmus[pmu].IdCode, data, pmu, clock.UtcNowNanoseconds);
        }
    }

    /// <summary>Adds the config's PMUs as devices, or updates those whose description changed.</summary>
    private void Register(ConfigFrame config)
    {
        if (!registered.Add(config))
        {
            return;
        }

        for (var pmu = 0; pmu < config.Pmus.Count; pmu++)
        {
            var index = buffer.Layout.IndexOf(config.Pmus[pmu].IdCode);
            var source = DeviceSource.From(config, pmu);
            if (index < 0 || !buffer.Layout.Devices[index].DescribesSame(source))
            {
                buffer.UpdateDevice(source);
            }
        }
    }

    private void Publish()
    {
        buffer.CollectReady(ready);
        foreach (var frame in ready)
        {
            foreach (var consumer in consumers)
            {
                consumer.Publish(frame);
            }

            buffer.Release(frame);
        }

        ready.Clear();
    }
}
