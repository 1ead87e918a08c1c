using System.Net;
using System.Net.Sockets;

namespace Pdc.Replay.Serving;

/// <summary>The TCP port of one served stream: accepts clients and runs each on its own, until stopped.</summary>
internal sealed class StreamListener : IAsyncDisposable
{
    // A modest kernel buffer: a client that stops reading soon falls behind by more than its queue, which then
    // drops the oldest frames, so that when it reads again it gets current data rather than a backlog.
    private const int ClientSendBufferBytes = 64 * 1024;

    private readonly Socket listener;
    private readonly CapturedStream stream;
    private readonly ReplayTimeline timeline;
    private readonly CaptureServerOptions options;
    private readonly string label;
    private readonly Lock gate = new();
    private readonly List<ReplayClient> clients = [];
    private readonly List<Task> tasks = [];
    private readonly CancellationTokenSource stopping = new();

    public StreamListener(IPEndPoint endpoint, CapturedStream stream, ReplayTimeline timeline, CaptureServerOptions options)
    {
        this.stream = stream;
        this.timeline = timeline;
        this.options = options;
        listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(64);
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
        label = $"[IDCODE {stream.IdCode} on {EndPoint}]";
    }

    public IPEndPoint EndPoint { get; }

    public void Start()
    {
        lock (gate)
        {
            tasks.Add(AcceptLoopAsync(stopping.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Close();
        Task[] running;
        lock (gate)
        {
            foreach (var client in clients)
            {
                client.Close();
            }

            running = [.. tasks];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
        stopping.Dispose();
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
            socket.SendBufferSize = ClientSendBufferBytes;
            var client = new ReplayClient(socket, stream, timeline, options.ClientQueueFrames, Log);
            Log($"{client.Name} connected");
            lock (gate)
            {
                clients.Add(client);
                tasks.RemoveAll(t => t.IsCompleted);
                tasks.Add(ServeAsync(client, cancellationToken));
            }
        }
    }

    private async Task ServeAsync(ReplayClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            lock (gate)
            {
                clients.Remove(client);
            }

            Log($"{client.Name} disconnected after {client.SentFrames} data frames{(client.DroppedFrames > 0 ? $"; {client.DroppedFrames} dropped because it read too slowly" : string.Empty)}");
            client.Dispose();
        }
    }

    private void Log(string message) => options.Log?.Invoke($"{label} {message}");
}
