using System.Net;
using System.Threading.Channels;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// A device that connects in to a <see cref="TcpInputListener"/>: each identified connection is commanded and
/// read like a client connection. A new connection from the device replaces the current one (it reconnected).
/// </summary>
internal sealed class TcpListenerPath : InputPath
{
    private readonly Channel<ListenerConnection> arrivals = Channel.CreateBounded<ListenerConnection>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest },
        dropped => _ = dropped.Pipe.DisposeAsync().AsTask());

    public TcpListenerPath(Input input, EndpointOptions endpoint, int priority)
        : base(input, endpoint, priority)
    {
    }

    public TcpInputListener? Listener { get; set; }

    public override IPEndPoint? LocalEndpoint => Listener?.Endpoint;

    /// <summary>Called by the listener once the peer is identified as this device.</summary>
    public void Accept(ListenerConnection connection)
    {
        AbortSession($"replaced by a new connection from {connection.Peer}");
        if (!arrivals.Writer.TryWrite(connection))
        {
            _ = connection.Pipe.DisposeAsync().AsTask();
        }
    }

    public override async Task RunAsync(CancellationToken stopping)
    {
        SetState(ConnectionState.Listening, $"waiting on {Listener?.Endpoint}");
        try
        {
            while (true)
            {
                var connection = await arrivals.Reader.ReadAsync(stopping).ConfigureAwait(false);
                SetState(ConnectionState.Configuring, $"{connection.Peer} connected");
                var reason = await RunSessionAsync(connection.Pipe, Counters, stopping).ConfigureAwait(false);
                SetState(ConnectionState.Listening, reason);
            }
        }
        catch (OperationCanceledException)
        {
            arrivals.Writer.TryComplete();
            while (arrivals.Reader.TryRead(out var left))
            {
                await left.Pipe.DisposeAsync().ConfigureAwait(false);
            }

            SetState(ConnectionState.Stopped, "stopped");
        }
    }
}
