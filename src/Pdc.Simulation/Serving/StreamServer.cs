using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;
using Pdc.Simulation.Faults;
using Pdc.Simulation.Signals;
using Pdc.Simulation.Time;

namespace Pdc.Simulation.Serving;

/// <summary>
/// Serves one stream: accepts TCP clients and answers their commands, sends over UDP if asked, and on every report
/// instant builds the data frame once, passes it through the network faults, and queues the same bytes to every
/// receiver whose transmission is on.
/// </summary>
internal sealed class StreamServer : IAsyncDisposable
{
    /// <summary>Further behind than this (the machine slept or stalled), the stream jumps to the present instead of catching up.</summary>
    private const long MaxLagNanoseconds = 2_000_000_000;

    private const int ClientSendBufferBytes = 64 * 1024;

    private readonly StreamFrames frames;
    private readonly PmuSignalModel model;
    private readonly SimulatorOptions options;
    private readonly ISimulatorClock clock;
    private readonly SimulatorStatistics statistics;
    private readonly NetworkFaults networkFaults;
    private readonly Socket listener;
    private readonly UdpSubscriber? udp;
    private readonly string label;
    private readonly Lock gate = new();
    private readonly List<Task> tasks = [];
    private readonly CancellationTokenSource stopping = new();
    private StreamSubscriber[] subscribers = [];

    public StreamServer(PmuSignalModel model, SimulatedStream stream, SimulatorOptions options, ISimulatorClock clock, SimulatorStatistics statistics, IPEndPoint listen, IPEndPoint? udpDestination)
    {
        this.model = model;
        this.options = options;
        this.clock = clock;
        this.statistics = statistics;
        frames = new StreamFrames(model, stream, options);
        networkFaults = new NetworkFaults(options.Seed, stream.IdCode, statistics);
        label = $"stream {stream.IdCode}";
        listener = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(listen);
            listener.Listen(64);
            var bound = (IPEndPoint)listener.LocalEndPoint!;
            if (udpDestination is not null)
            {
                udp = new UdpSubscriber(BindUdp(bound), udpDestination, this, options.ClientQueueCapacity, statistics);
                subscribers = [udp];
            }

            Info = new ServedStream(stream.IdCode, stream.LastConfig.Pmus.Select(p => p.IdCode).ToArray(), bound, udp?.LocalEndPoint, udpDestination);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
    }

    public ServedStream Info { get; }

    public void Start()
    {
        lock (gate)
        {
            tasks.Add(PublishOrReportAsync(stopping.Token));
            tasks.Add(AcceptLoopAsync(stopping.Token));
            if (udp is not null)
            {
                tasks.Add(udp.RunAsync(stopping.Token));
            }
        }
    }

    /// <summary>Carries out a command from <paramref name="from"/>; returns the frames to send back.</summary>
    public IReadOnlyList<byte[]> Handle(CommandFrame command, StreamSubscriber from)
    {
        statistics.AddCommand();
        var name = CommandName(command.Command);
        if (command.IdCode != Info.IdCode)
        {
            Log($"{from.Name} sent \"{name}\" for IDCODE {command.IdCode}; this stream is IDCODE {Info.IdCode}: ignored");
            return [];
        }

        switch (command.Command)
        {
            case CommandCode.TurnOnTransmission:
                from.TurnOn();
                Log($"{from.Name}: turn on transmission");
                return [];
            case CommandCode.TurnOffTransmission:
                from.TurnOff();
                Log($"{from.Name}: turn off transmission");
                return [];
        }

        var replies = frames.Reply(command.Command, clock.UtcNowNanoseconds);
        Log(replies.Count > 0
            ? $"{from.Name}: {name} ({replies.Sum(r => r.Length)} bytes{(replies.Count > 1 ? $" in {replies.Count} fragments" : string.Empty)})"
            : $"{from.Name}: \"{name}\" ignored ({(command.Command == CommandCode.SendConfig3 ? "CFG-3 is C37.118-2011 only" : "not a command this PMU carries out")})");
        return replies;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Close();
        foreach (var subscriber in Volatile.Read(ref subscribers).OfType<TcpSubscriber>())
        {
            subscriber.Close();
        }

        Task[] running;
        lock (gate)
        {
            running = [.. tasks];
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopping.
        }

        udp?.Dispose();
        stopping.Dispose();
    }

    private static Socket BindUdp(IPEndPoint tcpBound)
    {
        // The TCP port's number over UDP, as PMUs commonly pair them; any free port if that one is taken.
        var socket = new Socket(tcpBound.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            try
            {
                socket.Bind(tcpBound);
            }
            catch (SocketException)
            {
                socket.Bind(new IPEndPoint(tcpBound.Address, 0));
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Publishes until stopped; a failure is logged before it surfaces, since the stream falls silent with it.</summary>
    private async Task PublishOrReportAsync(CancellationToken cancellationToken)
    {
        try
        {
            await PublishLoopAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log($"stopped sending: {e.Message}");
            throw;
        }
    }

    private async Task PublishLoopAsync(CancellationToken cancellationToken)
    {
        var schedule = model.Schedule;
        var stream = frames.Stream;
        var output = new List<byte[]>();
        var index = schedule.IndexAtOrAfter(clock.UtcNowNanoseconds);
        var disconnectRound = -1L;
        while (!cancellationToken.IsCancellationRequested)
        {
            var instant = schedule.ToUnixNanoseconds(index);
            var seconds = model.SecondsAt(instant);
            var faults = model.Faults.ForStream(stream.Pmus, seconds);
            var sendAt = instant - (long)(faults.ClockOffsetMilliseconds * 1e6) + networkFaults.JitterNanoseconds(index, faults);
            try
            {
                await clock.DelayUntilAsync(sendAt, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var lag = clock.UtcNowNanoseconds - sendAt;
            if (lag > MaxLagNanoseconds)
            {
                var resume = schedule.IndexAtOrAfter(clock.UtcNowNanoseconds);
                Log($"fell {lag / 1e9:0.0} s behind; skipping {resume - index} report instants");
                index = resume;
                continue;
            }

            var frame = frames.Data(instant);
            statistics.AddDataFrame();
            output.Clear();
            networkFaults.Apply(index, frame, faults, output);
            var receivers = Volatile.Read(ref subscribers);
            foreach (var bytes in output)
            {
                foreach (var receiver in receivers)
                {
                    receiver.Offer(bytes);
                }
            }

            disconnectRound = DisconnectIfDue(faults, seconds, disconnectRound);
            index++;
        }
    }

    /// <summary>The disconnect fault: closes every TCP client each time another period of the setting begins.</summary>
    private long DisconnectIfDue(FaultSettings faults, double seconds, long lastRound)
    {
        if (faults.DisconnectEverySeconds <= 0)
        {
            return -1;
        }

        var round = (long)Math.Floor(seconds / faults.DisconnectEverySeconds);
        if (lastRound >= 0 && round > lastRound)
        {
            foreach (var client in Volatile.Read(ref subscribers).OfType<TcpSubscriber>())
            {
                Log($"{client.Name}: disconnected (fault: disconnect every {faults.DisconnectEverySeconds:0.###} s)");
                statistics.AddFaultDisconnect();
                client.Close();
            }
        }

        return round;
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;

            // A modest kernel buffer: a client that stops reading soon overflows its queue, which drops the oldest
            // frames, so that when it reads again it gets fresh data rather than seconds-old backlog.
            socket.SendBufferSize = ClientSendBufferBytes;
            var client = new TcpSubscriber(socket, this, options.ClientQueueCapacity, statistics);
            statistics.AddClient();
            Log($"{client.Name} connected");
            lock (gate)
            {
                subscribers = [.. subscribers, client];
                tasks.RemoveAll(t => t.IsCompleted);
                tasks.Add(ServeAsync(client, cancellationToken));
            }
        }
    }

    private async Task ServeAsync(TcpSubscriber client, CancellationToken cancellationToken)
    {
        try
        {
            await client.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
            {
                subscribers = subscribers.Where(s => s != client).ToArray();
            }

            Log($"{client.Name} disconnected{(client.DroppedDataFrames > 0 ? $"; {client.DroppedDataFrames} data frames dropped because it read too slowly" : string.Empty)}");
            client.Dispose();
        }
    }

    private void Log(string message) => options.Log?.Invoke($"[{label}] {message}");

    private static string CommandName(CommandCode command) => command switch
    {
        CommandCode.TurnOffTransmission => "turn off transmission",
        CommandCode.TurnOnTransmission => "turn on transmission",
        CommandCode.SendHeader => "send header",
        CommandCode.SendConfig1 => "send CFG-1",
        CommandCode.SendConfig2 => "send CFG-2",
        CommandCode.SendConfig3 => "send CFG-3",
        _ => $"command 0x{(ushort)command:X4}",
    };
}
