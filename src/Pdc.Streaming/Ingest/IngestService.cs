using System.Net;
using Pdc.Streaming.Recording;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// Runs every configured input: their connection loops (async, no thread per connection), the TCP listeners
/// shared by inputs whose devices connect in, and one watchdog timer for silence and fail-back. Decoded frames
/// go to the <see cref="IFrameSink"/> on the read loops; statistics are read as immutable snapshots.
/// </summary>
public sealed class IngestService : IAsyncDisposable
{
    private readonly IngestOptions options;
    private readonly IClock clock;
    private readonly TimeProvider timers = TimeProvider.System;
    private readonly List<TcpInputListener> listeners = [];
    private readonly List<Task> running = [];
    private readonly CancellationTokenSource stopping = new();
    private bool started;

    /// <param name="clock">The local clock for arrival times; the system clock by default, a capture's clock in replay.</param>
    /// <param name="recorder">Sees every byte received from the devices, and every command sent to them (pdc run --record).</param>
    public IngestService(IngestOptions options, IFrameSink sink, IClock? clock = null, ITrafficRecorder? recorder = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        foreach (var input in options.Inputs)
        {
            input.Validate();
        }

        var duplicate = options.Inputs.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two inputs are named \"{duplicate.Key}\".");
        }

        this.options = options;
        this.clock = clock ?? SystemClock.Instance;
        Inputs = [.. options.Inputs.Select(o => new Input(o, sink, this.clock, recorder))];
    }

    public IReadOnlyList<Input> Inputs { get; }

    public Input Input(string name) =>
        Inputs.FirstOrDefault(i => i.Name == name) ?? throw new KeyNotFoundException($"No input named \"{name}\".");

    /// <summary>
    /// Binds the listeners and UDP sockets (so that their ports are known when this returns, and a port in use
    /// fails here) and starts every loop.
    /// </summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        if (started)
        {
            throw new InvalidOperationException("The ingest is already started.");
        }

        started = true;
        var paths = Inputs.SelectMany(i => i.Paths).ToList();
        foreach (var group in paths.OfType<TcpListenerPath>().GroupBy(p => new IPEndPoint(p.Endpoint.LocalIPAddress, p.Endpoint.LocalPort)))
        {
            listeners.Add(new TcpInputListener(group.Key, group, options.IdentifyTimeout));
        }

        foreach (var path in paths)
        {
            path.Open();
        }

        var token = stopping.Token;
        running.AddRange(listeners.Select(l => l.RunAsync(token)));
        running.AddRange(paths.Select(p => Task.Run(() => p.RunAsync(token), CancellationToken.None)));
        running.Add(WatchdogAsync(token));
    }

    public IngestStatistics GetStatistics() =>
        new(DateTimeOffset.UnixEpoch.AddTicks(clock.UtcNowNanoseconds / 100), [.. Inputs.Select(i => i.GetStatistics())], [.. listeners.Select(l => l.GetStatistics())]);

    /// <summary>Stops every loop, closes every connection and socket, and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stopping.IsCancellationRequested)
        {
            return;
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        foreach (var listener in listeners)
        {
            listener.Dispose();
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        stopping.Dispose();
    }

    private async Task WatchdogAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(options.WatchdogInterval, timers);
        try
        {
            while (await timer.WaitForNextTickAsync(token).ConfigureAwait(false))
            {
                var now = timers.GetTimestamp();
                foreach (var input in Inputs)
                {
                    input.Supervise(now);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }
}
