using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// One path to a device (an entry of <see cref="InputOptions.Endpoints"/>): its connection loop, its state, and
/// what it does with each decoded frame. Frames are handed to the <see cref="Input"/>, which delivers those of
/// the active path. Subclasses differ in how bytes arrive (TCP client, listener, UDP) and how commands leave.
/// </summary>
internal abstract class InputPath
{
    private int state;
    private long lastFrame;
    private long healthySince;
    private long lastFlaggedRequest;
    private long lastMismatchRequest;
    private volatile bool streamOnData;
    private volatile bool streamed;
    private volatile ConfigFrame? config;
    private TaskCompletionSource? configWaiter;
    private TaskCompletionSource? dataWaiter;
    private StreamSession? session;

    protected InputPath(Input input, EndpointOptions endpoint, int priority)
    {
        Input = input;
        Endpoint = endpoint;
        Name = priority == 0 ? $"{endpoint} (primary)" : $"{endpoint} (path {priority + 1})";
    }

    public Input Input { get; }

    public EndpointOptions Endpoint { get; }

    public string Name { get; }

    /// <summary>How a recording names the traffic of this path.</summary>
    public string TrafficName => $"input {Input.Name}: {Name}";

    public PathCounters Counters { get; } = new();

    public ConnectionState State => (ConnectionState)Volatile.Read(ref state);

    public virtual IPEndPoint? LocalEndpoint => null;

    /// <summary>Counts of a second connection that the path keeps beside its main one (the TCP command channel of TCP+UDP).</summary>
    public virtual PathCounters? SideCounters => null;

    public static InputPath Create(Input input, EndpointOptions endpoint, int priority) => endpoint.Mode switch
    {
        ConnectionMode.TcpClient => new TcpClientPath(input, endpoint, priority),
        ConnectionMode.TcpListener => new TcpListenerPath(input, endpoint, priority),
        _ => new UdpPath(input, endpoint, priority),
    };

    /// <summary>Binds what must be bound before the ingest reports itself started (UDP sockets).</summary>
    public virtual void Open()
    {
    }

    public abstract Task RunAsync(CancellationToken stopping);

    public bool IsHealthy(long now) =>
        State == ConnectionState.Streaming && Input.Timers.GetElapsedTime(Volatile.Read(ref lastFrame), now) <= SilenceTimeout;

    public TimeSpan HealthyFor(long now) => Input.Timers.GetElapsedTime(Volatile.Read(ref healthySince), now);

    /// <summary>Called by the watchdog: a streaming path that has gone quiet for too long is failed.</summary>
    public void CheckSilence(long now)
    {
        var quiet = Input.Timers.GetElapsedTime(Volatile.Read(ref lastFrame), now);
        if (State == ConnectionState.Streaming && quiet > SilenceTimeout)
        {
            OnSilent($"silent for {quiet.TotalMilliseconds:0} ms (limit {SilenceTimeout.TotalMilliseconds:0} ms, {Input.Options.SilentFramePeriods} frame periods)");
        }
    }

    /// <summary>Handles one result of the decoder, on the read loop that produced it.</summary>
    public void HandleFrame(scoped in DecodedFrame frame, FrameReadStatus status, PathCounters counters, StreamDecoder source, long arrival, long now)
    {
        if (status == FrameReadStatus.Rejected)
        {
            counters.Reject(frame.Rejection, frame.SkippedBytes);
            if (frame.Rejection is FrameRejection.ConfigMismatch or FrameRejection.NoConfig && frame.FrameHeader.IdCode == Input.IdCode)
            {
                // Data that no longer fits the config: the device changed it; ask for the new one.
                RequestConfig(now, ref lastMismatchRequest);
            }

            return;
        }

        if (frame.Data is { } data)
        {
            OnData(frame.FrameHeader, data, counters, arrival, now);
        }
        else if (frame.Config is { } received)
        {
            counters.ConfigFrames++;
            if (received.Type != FrameType.Config1)
            {
                config = received;
                OnConfig(received, source);
                Interlocked.Exchange(ref configWaiter, null)?.TrySetResult();
            }
        }
        else if (frame.Header is { } header)
        {
            Input.HeaderText = header.Text;
        }
        else if (frame.Command is not null)
        {
            counters.Refuse(IngestRejection.UnexpectedCommand);
        }
    }

    /// <summary>A task that completes when the next CFG-2/3 arrives on this path.</summary>
    public Task ExpectConfig()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref configWaiter, waiter);
        return waiter.Task;
    }

    /// <summary>A task that completes when the next data frame arrives; from then on the path counts as streaming.</summary>
    public Task ExpectData()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref dataWaiter, waiter);
        streamOnData = true;
        return waiter.Task;
    }

    public async Task SendAsync(ICommandChannel commands, CommandCode command, CancellationToken cancellationToken)
    {
        await commands.SendAsync(Input.Command(command), cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref Counters.CommandsSent);
    }

    /// <summary>The channel that a config refresh goes out on while streaming; null for a spontaneous stream.</summary>
    protected virtual ICommandChannel? Commands => Volatile.Read(ref session)?.Commands;

    /// <summary>A config arrived; <paramref name="source"/> is the decoder that read it.</summary>
    protected virtual void OnConfig(ConfigFrame received, StreamDecoder source)
    {
    }

    protected virtual void OnSilent(string reason) => Volatile.Read(ref session)?.Abort(reason);

    /// <summary>Ends the current TCP session, if any, with <paramref name="reason"/>.</summary>
    protected void AbortSession(string reason) => Volatile.Read(ref session)?.Abort(reason);

    /// <summary>From now on the first data frame makes the path streaming, without a handshake (spontaneous UDP).</summary>
    protected void StreamOnData() => streamOnData = true;

    protected void SetState(ConnectionState to, string reason)
    {
        var from = (ConnectionState)Interlocked.Exchange(ref state, (int)to);
        if (from != to)
        {
            Input.OnTransition(this, from, to, reason);
        }
    }

    /// <summary>Connects, runs the handshake and the read loop, and reconnects with back-off, until stopped.</summary>
    protected async Task RunReconnectingAsync(PathCounters counters, CancellationToken stopping)
    {
        var options = Input.Options;
        var backoff = new ReconnectBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay, Random.Shared);
        while (!stopping.IsCancellationRequested)
        {
            SetState(ConnectionState.Connecting, $"connecting to {Endpoint.RemoteHost}:{Endpoint.RemotePort}");
            var reason = await ConnectAndRunAsync(counters, stopping).ConfigureAwait(false);
            if (stopping.IsCancellationRequested)
            {
                break;
            }

            if (streamed)
            {
                backoff.Reset();
            }

            var delay = backoff.Next();
            SetState(ConnectionState.Disconnected, $"{reason}; reconnecting in {delay.TotalMilliseconds:0} ms");
            try
            {
                await Task.Delay(delay, Input.Timers, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Runs the handshake and read loop over one connected stream; returns why it ended.</summary>
    protected async Task<string> RunSessionAsync(StreamDuplexPipe pipe, PathCounters counters, CancellationToken stopping)
    {
        Interlocked.Increment(ref counters.Connects);
        streamOnData = false;
        streamed = false;
        var current = new StreamSession(this, pipe, counters, stopping);
        Volatile.Write(ref session, current);
        try
        {
            return await current.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.CompareExchange(ref session, null, current);
            current.Dispose();
            await pipe.DisposeAsync().ConfigureAwait(false);
        }
    }

    private TimeSpan SilenceTimeout => Input.Options.SilenceTimeout(config?.FramesPerSecond ?? 0);

    private async Task<string> ConnectAndRunAsync(PathCounters counters, CancellationToken stopping)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            timeout.CancelAfter(Input.Options.ConnectTimeout);
            await socket.ConnectAsync(Endpoint.RemoteHost!, Endpoint.RemotePort, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            socket.Dispose();
            return "connect timed out";
        }
        catch (SocketException e)
        {
            socket.Dispose();
            return $"connect failed: {e.SocketErrorCode}";
        }

        SetState(ConnectionState.Configuring, "connected");
        return await RunSessionAsync(new StreamDuplexPipe(new NetworkStream(socket, ownsSocket: true)), counters, stopping).ConfigureAwait(false);
    }

    private void OnData(FrameHeader header, DataFrame data, PathCounters counters, long arrival, long now)
    {
        if (header.IdCode != Input.IdCode)
        {
            counters.Refuse(IngestRejection.UnexpectedIdCode);
            return;
        }

        counters.Frames++;
        Volatile.Write(ref lastFrame, now);
        if (streamOnData && State != ConnectionState.Streaming)
        {
            Volatile.Write(ref healthySince, now);
            streamed = true;
            SetState(ConnectionState.Streaming, "data frames arrive");
        }

        Interlocked.Exchange(ref dataWaiter, null)?.TrySetResult();
        foreach (var stat in data.Stat)
        {
            if ((stat & Stat.ConfigChangeBit) != 0)
            {
                RequestConfig(now, ref lastFlaggedRequest);
                break;
            }
        }

        if (!Input.Deliver(this, data, arrival, now))
        {
            counters.StandbyFrames++;
        }
    }

    /// <summary>
    /// Asks for the config again while streaming over a channel that carries commands, at most once per command
    /// timeout for each cause: the STAT flag (the change is coming) and mismatching frames (it has come) are
    /// limited apart, so that the request the flag made does not delay the one the change needs.
    /// </summary>
    private void RequestConfig(long now, ref long lastRequest)
    {
        if (State != ConnectionState.Streaming || Commands is not { } commands
            || Input.Timers.GetElapsedTime(Volatile.Read(ref lastRequest), now) < Input.Options.CommandTimeout)
        {
            return;
        }

        Volatile.Write(ref lastRequest, now);
        _ = SendQuietlyAsync(commands, Input.Options.ConfigCommand);
    }

    private async Task SendQuietlyAsync(ICommandChannel commands, CommandCode command)
    {
        try
        {
            await SendAsync(commands, command, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // A connection that cannot take a command is failing; its read loop reports why.
        }
    }
}
