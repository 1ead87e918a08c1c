using System.Net;
using System.Runtime.CompilerServices;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Recording;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Publishing;

/// <summary>
/// One C37.118 output stream of the concentrator: a standard multi-PMU PDC stream (so another PDC can take it as
/// its input) served over TCP (each client with its own commands), to UDP unicast or multicast destinations, or
/// both. <see cref="Publish"/> is called by the concentrator's publishing thread: it serializes each frame once into a
/// pooled buffer and queues a reference per subscriber, returning before any socket I/O; each subscriber's async
/// send loop drains its own bounded queue, so a slow one loses its oldest frames and slows nobody else.
/// </summary>
public sealed class OutputStream : IAlignedFrameConsumer, IAsyncDisposable
{
    /// <summary>How long (of frame time) STAT bit 10 stays set after the stream's config changes.</summary>
    private const long ConfigChangeFlagNanoseconds = 60_000_000_000;

    private readonly OutputStreamOptions options;
    private readonly IClock clock;
    private readonly ITrafficRecorder? recorder;
    private readonly FrameBufferPool pool;
    private readonly ConfigChangeCounts counts = new();
    private readonly SubscriberSet subscribers = new();
    private readonly List<SubscriberListener> listeners = [];
    private readonly List<Task> udpSendLoops = [];
    private volatile StreamProjection projection;
    private volatile bool udpConfigDue = true;
    private long flagChangeUntil = long.MinValue;
    private long nextUdpConfig = long.MinValue;
    private long framesOffered;
    private long framesSerialized;
    private long bytesSerialized;
    private long framesUnheard;
    private long framesOfOldLayout;
    private long configChanges;
    private bool started;

    /// <param name="options">What the stream carries and where; validated here.</param>
    /// <param name="layout">The concentrator's current layout, so that a subscriber can have the config before the first frame.</param>
    /// <param name="clock">The local clock: send times for the latency statistics, and the time stamped on requested configs.</param>
    /// <param name="recorder">Sees every frame sent to every subscriber (pdc run --record-sent).</param>
    public OutputStream(OutputStreamOptions options, OutputLayout layout, IClock clock, ITrafficRecorder? recorder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(clock);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"The {options.Title}: {string.Join(" ", errors)}", nameof(options));
        }

        this.options = options;
        this.clock = clock;
        this.recorder = recorder;
        pool = new FrameBufferPool(options.SubscriberQueueFrames + 16);
        projection = new StreamProjection(layout, options, counts, null);
    }

    public string Name => options.Name;

    /// <summary>The stream's current CFG-2: its PMUs, formats, CFGCNTs, IDCODE and rate.</summary>
    public ConfigFrame Config => projection.Config;

    /// <summary>Where the TCP server listens, once started; null when the options ask for none.</summary>
    public IPEndPoint? TcpEndPoint { get; private set; }

    /// <summary>Where the UDP destinations' command channel listens, once started; null when the options ask for none.</summary>
    public IPEndPoint? UdpCommandEndPoint { get; private set; }

    /// <summary>Opens the TCP listeners and the UDP destinations' sockets; frames published before this go nowhere.</summary>
    public Task StartAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (started)
        {
            throw new InvalidOperationException($"The {options.Title} is already started.");
        }

        started = true;
        if (options.TcpPort is { } tcpPort)
        {
            TcpEndPoint = Listen(tcpPort, SubscriberTransport.Tcp);
        }

        if (options.UdpCommandPort is { } commandPort)
        {
            UdpCommandEndPoint = Listen(commandPort, SubscriberTransport.UdpCommandChannel);
        }

        foreach (var destination in options.UdpEndPoints)
        {
            var subscriber = UdpDestination.Open(destination, options, clock, recorder);
            subscribers.TryAdd(subscriber, options.MaxSubscribers);
            udpSendLoops.Add(subscriber.RunSendLoopAsync());
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops accepting, closes every subscriber (dropping what they had queued) and waits for their loops to end.</summary>
    public async Task StopAsync()
    {
        foreach (var listener in listeners)
        {
            await listener.StopAcceptingAsync().ConfigureAwait(false);
        }

        subscribers.CloseAll();
        foreach (var listener in listeners)
        {
            await listener.WhenServedAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(udpSendLoops).ConfigureAwait(false);
        listeners.Clear();
        udpSendLoops.Clear();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>
    /// Takes one aligned frame from the concentrator (one at a time, in order): serializes it once when this
    /// stream's rate takes it and someone is receiving, and queues it for each receiving subscriber. Allocates
    /// nothing in steady state; a new layout rebuilds the stream's config first.
    /// </summary>
    public void Publish(AlignedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        framesOffered++;
        var current = projection;
        if (frame.Layout != current.Layout)
        {
            if (frame.Layout.Generation < current.Layout.Generation)
            {
                framesOfOldLayout++;
                return;
            }

            current = Reproject(frame);
        }

        if (current.Decimation == 0 || frame.ReportIndex % current.Decimation != 0)
        {
            return;
        }

        var targets = subscribers.All;
        if (!AnyReceiving(targets))
        {
            framesUnheard++;
            return;
        }

        current.Fill(frame.Values, frame.ReportInstantNanoseconds < flagChangeUntil);
        var buffer = pool.Rent(current.Config.DataFrameSize, out var span);
        DataFrameCodec.Write(span, current.Values);
        buffer.MarkData(frame.PublishedNanoseconds, frame.ReadyNanoseconds);
        framesSerialized++;
        bytesSerialized += buffer.Length;
        if (udpConfigDue || frame.ReportInstantNanoseconds >= nextUdpConfig)
        {
            SendUdpConfig(current, targets, frame);
        }

        foreach (var subscriber in targets)
        {
            if (subscriber.IsSending)
            {
                subscriber.Offer(buffer);
            }
        }

        buffer.Release();
    }

    /// <summary>Counters and every subscriber's figures; a copy, safe to take from any thread.</summary>
    public OutputStreamStatistics Snapshot() => new()
    {
        Name = options.Name,
        IdCode = options.IdCode,
        FramesOffered = Interlocked.Read(ref framesOffered),
        FramesSerialized = Interlocked.Read(ref framesSerialized),
        BytesSerialized = Interlocked.Read(ref bytesSerialized),
        FramesUnheard = Interlocked.Read(ref framesUnheard),
        FramesOfOldLayout = Interlocked.Read(ref framesOfOldLayout),
        ConfigChanges = Interlocked.Read(ref configChanges),
        ConnectionsRefused = subscribers.Refused,
        BuffersAllocated = pool.Created,
        Problems = projection.Problems,
        Subscribers = subscribers.All.Select(s => s.Snapshot()).ToArray(),
    };

    private static bool AnyReceiving(Subscriber[] targets)
    {
        foreach (var subscriber in targets)
        {
            if (subscriber.IsSending)
            {
                return true;
            }
        }

        return false;
    }

    private IPEndPoint Listen(int port, SubscriberTransport transport)
    {
        var listener = new SubscriberListener(new IPEndPoint(options.ListenIpAddress, port), transport, options, clock, subscribers, OnCommand, recorder);
        listeners.Add(listener);
        listener.Start();
        return listener.EndPoint;
    }

    /// <summary>The layout changed: the stream's config follows, and if it differs, CFGCNT moves, STAT bit 10 is set for a minute and receivers are told.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private StreamProjection Reproject(AlignedFrame frame)
    {
        var next = new StreamProjection(frame.Layout, options, counts, projection);
        projection = next;
        if (!next.IsChange)
        {
            return next;
        }

        configChanges++;
        flagChangeUntil = frame.ReportInstantNanoseconds + ConfigChangeFlagNanoseconds;
        udpConfigDue = true;
        if (options.AnnounceConfigChanges)
        {
            foreach (var subscriber in subscribers.All)
            {
                if (subscriber.IsSending && !subscriber.IsDatagram && next.Frames.For(subscriber.PreferredConfig) is { } template)
                {
                    Send(subscriber, template, frame.Values.Timestamp);
                }
            }
        }

        return next;
    }

    /// <summary>UDP receivers cannot ask: the CFG-2 goes to them at start, on change, and every <see cref="OutputStreamOptions.UdpConfigInterval"/>.</summary>
    private void SendUdpConfig(StreamProjection current, Subscriber[] targets, AlignedFrame frame)
    {
        udpConfigDue = false;
        nextUdpConfig = options.UdpConfigInterval > TimeSpan.Zero
            ? frame.ReportInstantNanoseconds + (options.UdpConfigInterval.Ticks * 100)
            : long.MaxValue;
        if (current.Frames.Config2 is not { } template)
        {
            return;
        }

        FrameBuffer? buffer = null;
        foreach (var subscriber in targets)
        {
            if (subscriber.IsDatagram && subscriber.IsSending)
            {
                buffer ??= template.Stamp(pool, frame.Values.Timestamp);
                subscriber.Offer(buffer);
            }
        }

        buffer?.Release();
    }

    /// <summary>Acts on a command from a TCP client; runs on that client's read loop.</summary>
    private void OnCommand(Subscriber from, CommandFrame command)
    {
        var acted = command.IdCode == options.IdCode && Act(from, command.Command);
        from.CountCommand(acted);
    }

    private bool Act(Subscriber from, CommandCode command)
    {
        if (command is CommandCode.TurnOnTransmission or CommandCode.TurnOffTransmission)
        {
            var on = command == CommandCode.TurnOnTransmission;
            if (from.Transport != SubscriberTransport.UdpCommandChannel)
            {
                from.IsSending = on;
                return true;
            }

            foreach (var destination in subscribers.All.Where(s => s.IsDatagram))
            {
                destination.IsSending = on;
            }

            if (on)
            {
                // The destinations get the config again before their first data frame.
                udpConfigDue = true;
            }

            return true;
        }

        var current = projection;
        if (current.Frames.For(command) is not { } template)
        {
            return false;
        }

        if (command is CommandCode.SendConfig2 or CommandCode.SendConfig3)
        {
            from.PreferredConfig = command == CommandCode.SendConfig3 ? FrameType.Config3 : FrameType.Config2;
        }

        Send(from, template, FrameTimestamp.FromUnixNanoseconds(clock.UtcNowNanoseconds, current.Config.TimeBase));
        return true;
    }

    private void Send(Subscriber subscriber, FrameTemplate template, FrameTimestamp time)
    {
        var buffer = template.Stamp(pool, time);
        subscriber.Queue.TryEnqueue(buffer);
        buffer.Release();
    }
}
