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
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly AlignmentOptions options;
    private readonly IReadOnlyList<IAlignedFrameConsumer> consumers;
    private readonly ManualClock clock = new();
    private readonly AlignmentBuffer buffer;
    private readonly List<AlignedFrame> ready = new(64);
    private readonly CaptureStreamDecoder decoder = new();

    // The config last seen per stream IDCODE: a config sent again is checked once, then only compared by reference.
    private readonly Dictionary<ushort, ConfigFrame> registered = [];
    private ConfigFrame? lastRegistered;
    private long firstDataNanoseconds = long.MaxValue;
    private long lastDataNanoseconds = long.MinValue;
    private uint passShiftSeconds;

    // How much later than captured the current pass runs, in whole seconds.
    private uint shiftSeconds;

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
        Feed(reader, 0, onProgress, cancellation);
        Finish();
    }

    /// <summary>
    /// Replays a capture <paramref name="passes"/> times back to back, as if its PMUs had sent it again: each pass
    /// is shifted later by the first pass's span plus one report interval, rounded up to whole seconds, so FRACSEC
    /// and the report grid stay as captured and a short file becomes a long, steady run. Stops at the first damaged
    /// pass and returns its error.
    /// </summary>
    /// <param name="open">Opens the capture afresh for each pass.</param>
    /// <param name="onProgress">Gets the bytes read so far, over all passes.</param>
    public CaptureError? Run(Func<CaptureReader> open, int passes, Action<long>? onProgress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        var bytesBefore = 0L;
        for (var pass = 0; pass < passes; pass++)
        {
            using var reader = open();
            var passBytes = Feed(reader, bytesBefore, onProgress, cancellation);
            if (reader.Error is { } error)
            {
                Finish();
                return error;
            }

            bytesBefore += passBytes;
            if (DataFrames == 0)
            {
                // No data frames, no span to repeat: the next pass would find nothing either.
                break;
            }

            if (pass == 0)
            {
                // The span and one report interval, rounded up: the next pass starts where a next frame would have.
                var span = lastDataNanoseconds - firstDataNanoseconds + (NanosecondsPerSecond / options.FramesPerSecond);
                passShiftSeconds = (uint)((span + NanosecondsPerSecond - 1) / NanosecondsPerSecond);
            }

            shiftSeconds += passShiftSeconds;
        }

        Finish();
        return null;
    }

    /// <summary>Feeds one pass; returns the file offset it reached.</summary>
    private long Feed(CaptureReader reader, long bytesBefore, Action<long>? onProgress, CancellationToken cancellation)
    {
        var reached = 0L;
        decoder.Run(reader, OnFrame, offset =>
        {
            Publish();
            reached = offset;
            onProgress?.Invoke(bytesBefore + offset);
        }, cancellation);
        return reached;
    }

    /// <summary>Lets every instant still waiting reach its deadline.</summary>
    private void Finish()
    {
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
        if (shiftSeconds != 0)
        {
            data.Timestamp = data.Timestamp with { Soc = data.Timestamp.Soc + shiftSeconds };
        }

        var stamped = data.Timestamp.ToUnixNanoseconds(data.Config.TimeBase);
        firstDataNanoseconds = Math.Min(firstDataNanoseconds, stamped);
        lastDataNanoseconds = Math.Max(lastDataNanoseconds, stamped);
        var arrival = packetNanoseconds + (shiftSeconds * NanosecondsPerSecond) ?? stamped;
        if (arrival > clock.UtcNowNanoseconds)
        {
            clock.Set(arrival);
        }

        Register(data.Config);
        buffer.PlaceFrame(data, clock.UtcNowNanoseconds);
    }

    /// <summary>Adds the config's PMUs as devices, or updates those whose description changed.</summary>
    private void Register(ConfigFrame config)
    {
        if (ReferenceEquals(config, lastRegistered))
        {
            return;
        }

        lastRegistered = config;
        if (registered.TryGetValue(config.IdCode, out var known) && ReferenceEquals(known, config))
        {
            return;
        }

        registered[config.IdCode] = config;
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
