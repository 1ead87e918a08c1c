using System.Net;
using System.Net.Sockets;

namespace Pdc.Streaming.Tests.Ingest.Support;

/// <summary>A TCP server on 127.0.0.1 that does whatever a test says with each connection: the hostile device.</summary>
internal sealed class RawPeer : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private readonly Socket listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Task accepting;

    public RawPeer(Func<Socket, CancellationToken, Task> onConnection)
    {
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(16);
        Endpoint = (IPEndPoint)listener.LocalEndPoint!;
        accepting = AcceptAsync(onConnection);
    }

    public IPEndPoint Endpoint { get; }

    public int Connections { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Dispose();
        await accepting;
        stopping.Dispose();
    }

    private async Task AcceptAsync(Func<Socket, CancellationToken, Task> onConnection)
    {
        var running = new List<Task>();
        try
        {
            while (true)
            {
                var socket = await listener.AcceptAsync(stopping.Token);
                Connections++;
                running.Add(RunAsync(socket, onConnection));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(running);
    }

    private async Task RunAsync(Socket socket, Func<Socket, CancellationToken, Task> onConnection)
    {
        using (socket)
        {
            try
            {
                await onConnection(socket, stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
            {
                // The ingest closed the connection, or the test ended.
            }
        }
    }
}
