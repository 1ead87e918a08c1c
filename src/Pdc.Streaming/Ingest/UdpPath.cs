using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;
using Pdc.Streaming.Recording;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// Frames in UDP datagrams, each datagram decoded on its own (a datagram carries whole frames). The config
/// comes on UDP too (spontaneous, or answering datagram commands), or over a TCP command channel (TCP+UDP),
/// whose read loop hands it to this socket's loop to switch atomically between two datagrams.
/// </summary>
internal sealed class UdpPath : InputPath
{
    private const int MaxDatagram = 65536;

    private readonly StreamDecoder decoder;
    private readonly PathCounters commandCounters = new();
    private Socket? socket;
    private ICommandChannel? datagramCommands;
    private SocketAddress? trafficPeer;
    private TrafficConnection? traffic;
    private ConfigFrame? pendingConfig;
    private TaskCompletionSource<string>? silence;

    public UdpPath(Input input, EndpointOptions endpoint, int priority)
        : base(input, endpoint, priority)
    {
        decoder = new StreamDecoder(input.Options.MaxFrameSize);
    }

    public override IPEndPoint? LocalEndpoint => socket?.LocalEndPoint as IPEndPoint;

    public override PathCounters? SideCounters => Endpoint.Mode == ConnectionMode.TcpCommandsUdpData ? commandCounters : null;

    protected override ICommandChannel? Commands => datagramCommands ?? base.Commands;

    public override void Open()
    {
        socket = UdpSocket.Open(Endpoint);
        if (Endpoint.Mode == ConnectionMode.Udp && Endpoint.RemoteHost is { } host)
        {
            var device = new IPEndPoint(Dns.GetHostAddresses(host)[0], Endpoint.RemotePort);
            datagramCommands = new UdpCommandChannel(socket, device);
            if (Input.Recorder is { } recorder)
            {
                datagramCommands = new RecordingCommandChannel(datagramCommands, recorder, new TrafficConnection(TrafficName, ProtocolType.Udp, (IPEndPoint)socket.LocalEndPoint!, device), Input.Clock);
            }
        }
    }

    public override async Task RunAsync(CancellationToken stopping)
    {
        var receiving = ReceiveLoopAsync(socket ?? throw new InvalidOperationException("Open the path first."), stopping);
        if (Endpoint.Mode == ConnectionMode.TcpCommandsUdpData)
        {
            await RunReconnectingAsync(commandCounters, stopping).ConfigureAwait(false);
        }
        else if (datagramCommands is not null)
        {
            await RunDatagramCommandsAsync(datagramCommands, stopping).ConfigureAwait(false);
        }
        else
        {
            SetState(ConnectionState.Listening, $"waiting for datagrams on {LocalEndpoint}");
            StreamOnData();
        }

        await receiving.ConfigureAwait(false);
        socket.Dispose();
        SetState(ConnectionState.Stopped, "stopped");
    }

    protected override void OnConfig(ConfigFrame received, StreamDecoder source)
    {
        if (!ReferenceEquals(source, decoder))
        {
            Volatile.Write(ref pendingConfig, received);
        }
    }

    protected override void OnSilent(string reason)
    {
        if (Endpoint.Mode == ConnectionMode.TcpCommandsUdpData)
        {
            AbortSession(reason);
        }
        else if (datagramCommands is not null)
        {
            Volatile.Read(ref silence)?.TrySetResult(reason);
        }
        else
        {
            SetState(ConnectionState.Silent, reason);
        }
    }

    /// <summary>Commands as datagrams: the handshake, then streaming until silence, then the handshake again after a back-off.</summary>
    private async Task RunDatagramCommandsAsync(ICommandChannel commands, CancellationToken stopping)
    {
        var options = Input.Options;
        var backoff = new ReconnectBackoff(options.ReconnectMinDelay, options.ReconnectMaxDelay, Random.Shared);
        while (!stopping.IsCancellationRequested)
        {
            SetState(ConnectionState.Configuring, $"commanding {Endpoint.RemoteHost}:{Endpoint.RemotePort}");
            var silent = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref silence, silent);
            string reason;
            try
            {
                await Handshake.RunAsync(this, commands, stopping).ConfigureAwait(false);
                backoff.Reset();
                reason = await silent.Task.WaitAsync(stopping).ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                reason = e.Message;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e)
            {
                reason = $"sending a command failed: {e.SocketErrorCode}";
            }

            var delay = backoff.Next();
            SetState(ConnectionState.Disconnected, $"{reason}; commanding again in {delay.TotalMilliseconds:0} ms");
            try
            {
                await Task.Delay(delay, Input.Timers, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ReceiveLoopAsync(Socket receiver, CancellationToken stopping)
    {
        // Stopping closes the socket, which ends the pending receive; a token on every receive would cost a
        // registration each time the socket has to wait.
        using var stop = stopping.Register(static s => ((Socket)s!).Dispose(), receiver);
        var buffer = GC.AllocateArray<byte>(MaxDatagram, pinned: true);
        var from = new SocketAddress(receiver.AddressFamily);
        while (true)
        {
            int length;
            try
            {
                length = await receiver.ReceiveFromAsync(buffer, SocketFlags.None, from, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                // An ICMP error for a command datagram, reported on the next receive; the socket still works.
                continue;
            }

            if (Input.Recorder is { } recorder)
            {
                recorder.Received(TrafficFrom(receiver, from), Input.UnixNanoseconds(), new System.Buffers.ReadOnlySequence<byte>(buffer, 0, length));
            }

            Decode(buffer, length);
        }
    }

    /// <summary>The recorded conversation with the datagram's sender; made again only when the sender changes.</summary>
    private TrafficConnection TrafficFrom(Socket receiver, SocketAddress from)
    {
        if (traffic is null || !from.Equals(trafficPeer))
        {
            trafficPeer = new SocketAddress(from.Family, from.Size);
            from.Buffer.CopyTo(trafficPeer.Buffer);
            var local = (IPEndPoint)receiver.LocalEndPoint!;
            traffic = new TrafficConnection(TrafficName, ProtocolType.Udp, local, (IPEndPoint)local.Create(from));
        }

        return traffic;
    }

    private void Decode(byte[] datagram, int length)
    {
        if (Volatile.Read(ref pendingConfig) is not null && Interlocked.Exchange(ref pendingConfig, null) is { } config)
        {
            decoder.UseConfig(config);
        }

        Counters.Bytes += length;
        var now = Input.Timers.GetTimestamp();
        var arrival = Input.UnixNanoseconds();
        var buffer = new System.Buffers.ReadOnlySequence<byte>(datagram, 0, length);
        while (true)
        {
            var status = decoder.TryReadFrame(ref buffer, out var frame);
            if (status == FrameReadStatus.NeedMoreData)
            {
                if (buffer.Length > 0)
                {
                    Counters.Refuse(IngestRejection.PartialDatagram);
                }

                return;
            }

            HandleFrame(frame, status, Counters, decoder, arrival, now);
        }
    }
}
