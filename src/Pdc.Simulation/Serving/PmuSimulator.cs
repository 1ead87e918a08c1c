using System.Globalization;
using System.Net;
using Pdc.Simulation.Signals;
using Pdc.Simulation.Time;

namespace Pdc.Simulation.Serving;

/// <summary>
/// A running simulator: PMUs served the way real ones are, over TCP (and UDP if asked), on exact report instants of
/// the local clock. Start one with <see cref="StartAsync"/>, connect to <see cref="Streams"/>, dispose to stop.
/// </summary>
/// <example>
/// <code>
/// await using var simulator = await PmuSimulator.StartAsync(new SimulatorOptions { PmuCount = 3, Listen = new(IPAddress.Loopback, 0) });
/// var port = simulator.Streams[0].TcpEndPoint.Port;   // send CFG-2 and turn on transmission to IDCODE simulator.Streams[0].IdCode
/// </code>
/// </example>
public sealed class PmuSimulator : IAsyncDisposable
{
    private readonly StreamServer[] servers;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task timeline;

    private PmuSimulator(PmuSignalModel model, StreamServer[] servers, SimulatorStatistics statistics, SimulatorOptions options, ISimulatorClock clock)
    {
        Model = model;
        this.servers = servers;
        Statistics = statistics;
        Streams = servers.Select(s => s.Info).ToArray();
        foreach (var server in servers)
        {
            server.Start();
        }

        timeline = LogTimelineAsync(options, clock, stopping.Token);
    }

    /// <summary>The signal model the frames come from: the same values can be computed for any instant, offline.</summary>
    public PmuSignalModel Model { get; }

    /// <summary>The streams served, with the ports actually bound.</summary>
    public IReadOnlyList<ServedStream> Streams { get; }

    public SimulatorStatistics Statistics { get; }

    /// <summary>
    /// Binds every stream's sockets and starts serving. The simulation starts at the current second of
    /// <paramref name="clock"/> (the system clock by default): scenario times count from there.
    /// </summary>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    /// <exception cref="System.Net.Sockets.SocketException">A port could not be bound.</exception>
    public static async Task<PmuSimulator> StartAsync(SimulatorOptions options, ISimulatorClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        clock ??= SystemSimulatorClock.Instance;
        const long NanosecondsPerSecond = 1_000_000_000;
        var start = clock.UtcNowNanoseconds / NanosecondsPerSecond * NanosecondsPerSecond;
        var model = new PmuSignalModel(options, start);
        var statistics = new SimulatorStatistics();
        var servers = new List<StreamServer>();
        try
        {
            for (var s = 0; s < model.Streams.Count; s++)
            {
                var listen = options.Listen.Port == 0 ? options.Listen : new IPEndPoint(options.Listen.Address, options.Listen.Port + s);
                var udp = options.UdpDestination is { } destination ? new IPEndPoint(destination.Address, destination.Port + s) : null;
                servers.Add(new StreamServer(model, model.Streams[s], options, clock, statistics, listen, udp));
            }
        }
        catch
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }

        return new PmuSimulator(model, [.. servers], statistics, options, clock);
    }

    /// <summary>Stops serving: closes every listener and client, and waits for every loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        foreach (var server in servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await timeline.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped before the scenario ended.
        }

        stopping.Dispose();
    }

    /// <summary>Logs each scenario event as its time comes, so that a watcher knows what the frames should show.</summary>
    private async Task LogTimelineAsync(SimulatorOptions options, ISimulatorClock clock, CancellationToken cancellationToken)
    {
        if (options.Log is not { } log)
        {
            return;
        }

        foreach (var e in options.Scenario.Events)
        {
            var at = Model.StartUnixNanoseconds + (long)(e.AtSeconds * 1e9);
            if (at < clock.UtcNowNanoseconds)
            {
                continue;
            }

            await clock.DelayUntilAsync(at, cancellationToken).ConfigureAwait(false);
            log(string.Create(CultureInfo.InvariantCulture, $"[scenario] t = {e.AtSeconds:0.###} s: {e.Describe()}"));
        }
    }
}
