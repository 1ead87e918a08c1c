using Pdc.Protocol;
using Pdc.Streaming.Metrics;
using Pdc.Streaming.Recording;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// One configured input at run time: its paths, the PMUs its stream carries, and the delivery of its frames.
/// Frames of the active path are checked against the report sequence (a frame seen on two paths is delivered
/// once), counted, and handed to the sink once per PMU, under this input's lock (uncontended but for fail-over).
/// </summary>
public sealed class Input
{
    private readonly Lock gate = new();
    private readonly IFrameSink sink;
    private readonly ReportSequence sequence = new();
    private readonly LatencyHistogram latency = new();
    private readonly RecentHistory<ConnectionTransition> history = new();
    private readonly RecentHistory<ActivePathChange> activeHistory = new();
    private readonly Dictionary<ushort, InputDevice> devicesByIdCode = [];
    private readonly InputPath[] paths;
    private InputDevice[] devices = [];
    private ConfigFrame? config;
    private InputPath? active;
    private long delivered;
    private long timeQualityDegraded;
    private long syncErrors;
    private long configChanges;
    private long failovers;
    private long rateWindowStart;
    private long rateWindowFrames;
    private long rateUpdated;
    private double measuredRate;
    private volatile string? headerText;

    internal Input(InputOptions options, IFrameSink sink, IClock clock, ITrafficRecorder? recorder = null)
    {
        Options = options;
        this.sink = sink;
        Clock = clock;
        Recorder = recorder;
        paths = [.. options.Endpoints.Select((endpoint, priority) => InputPath.Create(this, endpoint, priority))];
    }

    public string Name => Options.Name;

    public ushort IdCode => Options.IdCode;

    public InputOptions Options { get; }

    /// <summary>The PMUs of the config in force, in data-frame order (empty before the first frame).</summary>
    public IReadOnlyList<InputDevice> Devices => Volatile.Read(ref devices);

    /// <summary>The config of the last delivered frame.</summary>
    public ConfigFrame? Config => Volatile.Read(ref config);

    /// <summary>The device's header frame text, once it sent one.</summary>
    public string? HeaderText
    {
        get => headerText;
        internal set => headerText = value;
    }

    /// <summary>The local clock that arrival times and transitions are stamped with (the one alignment waits on).</summary>
    internal IClock Clock { get; }

    /// <summary>Sees the bytes of this input's connections, when recording.</summary>
    internal ITrafficRecorder? Recorder { get; }

    /// <summary>Durations and timeouts: monotonic, unlike the local clock, which may step.</summary>
    internal TimeProvider Timers { get; } = TimeProvider.System;

    internal IReadOnlyList<InputPath> Paths => paths;

    public InputStatistics GetStatistics()
    {
        lock (gate)
        {
            var now = Timers.GetTimestamp();
            return new InputStatistics
            {
                Name = Name,
                IdCode = IdCode,
                State = active?.State ?? paths.Select(p => p.State).MaxBy(StateRank),
                ActivePath = active?.Name,
                Paths = [.. paths.Select(p => Statistics(p, ReferenceEquals(p, active)))],
                Pmus = [.. devices.Select(d => d.GetStatistics())],
                FramesDelivered = delivered,
                MissingReports = sequence.Missing,
                Duplicates = sequence.Duplicates,
                OutOfOrder = sequence.OutOfOrder,
                TimeQualityDegraded = timeQualityDegraded,
                SyncErrors = syncErrors,
                ConfigChanges = configChanges,
                Failovers = failovers,
                Latency = LatencyStatistics.From(latency),
                ConfiguredFrameRate = config?.FramesPerSecond ?? 0,
                MeasuredFrameRate = Timers.GetElapsedTime(rateUpdated, now) > TimeSpan.FromSeconds(3) ? 0 : measuredRate,
                HeaderText = HeaderText,
                History = history.ToArray(),
                ActivePathHistory = activeHistory.ToArray(),
            };
        }
    }

    public override string ToString() => $"{Name} ({IdCode})";

    internal long UnixNanoseconds() => Clock.UtcNowNanoseconds;

    internal CommandFrame Command(CommandCode code) =>
        new(Options.Version, IdCode, FrameTimestamp.FromUnixNanoseconds(UnixNanoseconds(), 1_000_000), code);

    /// <summary>Delivers a data frame decoded on <paramref name="path"/>; false when another path is active (the frame is dropped).</summary>
    internal bool Deliver(InputPath path, DataFrame frame, long arrival, long now)
    {
        lock (gate)
        {
            if (!ReferenceEquals(path, active) && (active?.IsHealthy(now) == true || !SelectActivePath(now, path)))
            {
                return false;
            }

            if (!ReferenceEquals(frame.Config, config))
            {
                UseConfig(frame.Config);
            }

            if (!sequence.Accept(ReportSequence.IndexOf(frame.Timestamp, frame.Config)))
            {
                return true;
            }

            Count(frame, arrival, now);
            sink.OnDataFrame(this, frame, arrival);
            return true;
        }
    }

    /// <summary>Called by the watchdog: fails over from a silent path, or back to a higher-priority one that has been healthy long enough.</summary>
    internal void Supervise(long now)
    {
        foreach (var path in paths)
        {
            path.CheckSilence(now);
        }

        lock (gate)
        {
            SelectActivePath(now, null);
        }
    }

    internal void OnTransition(InputPath path, ConnectionState from, ConnectionState to, string reason)
    {
        history.Add(new ConnectionTransition(Now(), path.Name, from, to, reason));
        if (from == ConnectionState.Streaming || to == ConnectionState.Streaming)
        {
            lock (gate)
            {
                SelectActivePath(Timers.GetTimestamp(), null);
            }
        }
    }

    private DateTimeOffset Now() => DateTimeOffset.UnixEpoch.AddTicks(Clock.UtcNowNanoseconds / 100);

    private static int StateRank(ConnectionState state) => state switch
    {
        ConnectionState.Streaming => 7,
        ConnectionState.Configuring => 6,
        ConnectionState.Connecting => 5,
        ConnectionState.Listening => 4,
        ConnectionState.Silent => 3,
        ConnectionState.Disconnected => 2,
        ConnectionState.Idle => 1,
        _ => 0,
    };

    private static bool IsChange(ConfigFrame old, ConfigFrame next)
    {
        if (old.DataFrameSize != next.DataFrameSize || old.Pmus.Count != next.Pmus.Count || old.DataRate != next.DataRate || old.TimeBase != next.TimeBase)
        {
            return true;
        }

        for (var i = 0; i < old.Pmus.Count; i++)
        {
            var (a, b) = (old.Pmus[i], next.Pmus[i]);
            if (a.IdCode != b.IdCode || a.ConfigChangeCount != b.ConfigChangeCount || a.Format != b.Format)
            {
                return true;
            }
        }

        return false;
    }

    private static PathStatistics Statistics(InputPath path, bool isActive)
    {
        PathCounters[] all = path.SideCounters is { } side ? [path.Counters, side] : [path.Counters];
        return new PathStatistics
        {
            Endpoint = path.Name,
            Mode = path.Endpoint.Mode,
            State = path.State,
            LocalEndpoint = path.LocalEndpoint,
            IsActive = isActive,
            Connects = all.Sum(c => c.Connects),
            FramesReceived = all.Sum(c => c.Frames),
            BytesReceived = all.Sum(c => c.Bytes),
            ConfigFramesReceived = all.Sum(c => c.ConfigFrames),
            StandbyFrames = all.Sum(c => c.StandbyFrames),
            CommandsSent = path.Counters.CommandsSent,
            CommandTimeouts = path.Counters.CommandTimeouts,
            Rejections = [.. Enum.GetValues<FrameRejection>()
                .Select(r => new RejectionCount(r, all.Sum(c => c.Rejected(r)), all.Sum(c => c.RejectedBytes(r))))
                .Where(r => r.Reason != FrameRejection.None && r.Frames > 0)],
            Refusals = Enum.GetValues<IngestRejection>()
                .Where(r => all.Sum(c => c.Refused(r)) > 0)
                .ToDictionary(r => r, r => all.Sum(c => c.Refused(r))),
        };
    }

    /// <summary>
    /// Picks the active path: the current one while it is healthy, unless a higher-priority path has been healthy
    /// for <see cref="InputOptions.FailBackAfter"/>; else the first healthy path. True when <paramref name="candidate"/> won.
    /// </summary>
    private bool SelectActivePath(long now, InputPath? candidate)
    {
        var activeHealthy = active?.IsHealthy(now) == true;
        InputPath? best = null;
        foreach (var path in paths)
        {
            if (ReferenceEquals(path, active) && activeHealthy)
            {
                best = path;
                break;
            }

            if (path.IsHealthy(now) && (!activeHealthy || path.HealthyFor(now) >= Options.FailBackAfter))
            {
                best = path;
                break;
            }
        }

        if (!ReferenceEquals(best, active))
        {
            var reason = active is null ? "first healthy path"
                : best is null ? $"{active.Name} is no longer healthy and no other path is"
                : activeHealthy ? $"fail back from {active.Name}: healthy for {Options.FailBackAfter.TotalSeconds:0.#} s"
                : $"fail over from {active.Name}, which is {active.State} or silent";
            failovers += active is not null && best is not null ? 1 : 0;
            activeHistory.Add(new ActivePathChange(Now(), active?.Name, best?.Name, reason));
            active = best;
        }

        return candidate is not null && ReferenceEquals(candidate, active);
    }

    /// <summary>Switches delivery to the config of <paramref name="next"/>: PMUs keep their device objects by IDCODE.</summary>
    private void UseConfig(ConfigFrame next)
    {
        if (config is not null && !IsChange(config, next))
        {
            // The same config again (re-sent, re-requested after a reconnect): same PMUs in the same order.
            for (var i = 0; i < devices.Length; i++)
            {
                devices[i].Update(next.Pmus[i], i);
            }

            config = next;
            return;
        }

        if (config is not null)
        {
            configChanges++;
            if (config.DataRate != next.DataRate || config.TimeBase != next.TimeBase)
            {
                sequence.Restart();
            }
        }

        var list = new InputDevice[next.Pmus.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var pmu = next.Pmus[i];
            if (devicesByIdCode.TryGetValue(pmu.IdCode, out var device))
            {
                device.Update(pmu, i);
            }
            else
            {
                device = new InputDevice(this, pmu, i);
                devicesByIdCode[pmu.IdCode] = device;
            }

            list[i] = device;
        }

        foreach (var gone in devicesByIdCode.Keys.Except(list.Select(d => d.IdCode)).ToList())
        {
            devicesByIdCode.Remove(gone);
        }

        config = next;
        Volatile.Write(ref devices, list);
        sink.OnDevicesChanged(this);
    }

    private void Count(DataFrame frame, long arrival, long now)
    {
        delivered++;
        timeQualityDegraded += frame.Timestamp.TimeQuality.IsDegraded ? 1 : 0;
        var frameTime = frame.Timestamp.ToUnixNanoseconds(frame.Config.TimeBase);
        latency.Record((arrival - frameTime) / 1000);
        var anySyncError = false;
        foreach (var device in devices)
        {
            var stat = frame.Stat[device.PmuIndex];
            device.Count(stat);
            anySyncError |= (stat & Stat.SyncErrorBit) != 0;
        }

        syncErrors += anySyncError ? 1 : 0;
        CountRate(frameTime, now);
    }

    /// <summary>
    /// Frames per second of frame time, over windows of at least a second of it: what the device actually sends
    /// (a PMU configured for 60 that sends 30 shows 30), unmoved by network jitter that bunches arrivals.
    /// </summary>
    private void CountRate(long frameTime, long now)
    {
        const long Second = 1_000_000_000;
        var span = frameTime - rateWindowStart;
        if (rateWindowFrames == 0 || span < 0 || span > 5 * Second)
        {
            // First frame, or time went back or jumped (a gap): start a window here.
            (rateWindowStart, rateWindowFrames) = (frameTime, 1);
            return;
        }

        rateWindowFrames++;
        if (span >= Second)
        {
            measuredRate = (rateWindowFrames - 1) * (double)Second / span;
            rateUpdated = now;
            (rateWindowStart, rateWindowFrames) = (frameTime, 1);
        }
    }
}
