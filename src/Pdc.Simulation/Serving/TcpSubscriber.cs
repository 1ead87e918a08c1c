using System.IO.Pipelines;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Simulation.Serving;

/// <summary>
/// A TCP client of a stream, served as a PMU serves one: nothing until it sends commands, then the replies it
/// asks for and, between "turn on" and "turn off", the data frames. Its commands are read through a pipe; its
/// frames go out from its own queue.
/// </summary>
internal sealed class TcpSubscriber(Socket socket, StreamServer server, int queueCapacity, SimulatorStatistics statistics)
    : StreamSubscriber($"tcp {socket.RemoteEndPoint}", queueCapacity, statistics, started: false)
{
    /// <summary>Serves the client until it leaves, fails, is closed, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sending = SendLoopAsync(stop.Token);
        var receiving = ReceiveLoopAsync(stop.Token);
        await Task.WhenAny(sending, receiving).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        Close();
        await Ended(sending).ConfigureAwait(false);
        await Ended(receiving).ConfigureAwait(false);
    }

    /// <summary>Drops the connection (shutdown, or the disconnect fault).</summary>
    public void Close()
    {
        try
        {
            socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        socket.Close();
    }

    protected override async ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        while (!frame.IsEmpty)
        {
            var sent = await socket.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            frame = frame[sent..];
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            socket.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var pipe = PipeReader.Create(stream);
        var reader = new CommandReader();
        var commands = new List<CommandFrame>();
        while (true)
        {
            var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            commands.Clear();
            reader.Read(ref buffer, commands);
            pipe.AdvanceTo(buffer.Start, buffer.End);
            foreach (var command in commands)
            {
                foreach (var reply in server.Handle(command, this))
                {
                    Queue.EnqueueReply(reply);
                }
            }

            if (result.IsCompleted)
            {
                await pipe.CompleteAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>Awaits a loop that the closing of the socket or the cancellation ended, whichever way it ended.</summary>
    private static async Task Ended(Task loop)
    {
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The connection is over; how it ended is already logged by the server.
        }
    }
}
