using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Pdc.Protocol;
using Pdc.Streaming.Recording;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// One connected byte stream of a path (a TCP connection, a TLS one later): the read loop that decodes frames
/// as they arrive and hands them to the path, and, beside it, the handshake that commands the device. Ends
/// when the peer closes, the connection fails, or <see cref="Abort"/> is called (silence, a replacing connection).
/// </summary>
internal sealed class StreamSession : IDisposable
{
    private readonly InputPath path;
    private readonly IDuplexPipe pipe;
    private readonly PathCounters counters;
    private readonly StreamDecoder decoder;
    private readonly PipeCommandChannel commands;
    private readonly CancellationTokenSource ending;
    private readonly TrafficConnection? traffic;
    private readonly Lock gate = new();
    private string? abortReason;
    private bool disposed;

    public StreamSession(InputPath path, IDuplexPipe pipe, PathCounters counters, CancellationToken stopping)
    {
        this.path = path;
        this.pipe = pipe;
        this.counters = counters;
        decoder = new StreamDecoder(path.Input.Options.MaxFrameSize);
        commands = new PipeCommandChannel(pipe.Output);
        ending = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        Commands = commands;
        if (path.Input.Recorder is { } recorder && pipe is StreamDuplexPipe { Socket: { } socket })
        {
            traffic = TrafficConnection.Of(socket, path.TrafficName);
            Commands = traffic is null ? commands : new RecordingCommandChannel(commands, recorder, traffic, path.Input.Clock);
        }
    }

    public ICommandChannel Commands { get; }

    /// <summary>Runs until the connection ends; returns why it ended.</summary>
    public async Task<string> RunAsync()
    {
        using var stop = ending.Token.Register(static s => ((StreamSession)s!).Abort("stopped"), this);
        var reading = ReadLoopAsync();
        try
        {
            await Handshake.RunAsync(path, Commands, ending.Token).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            Abort(e.Message);
        }
        catch (OperationCanceledException)
        {
            // The read loop ended first (it cancels the handshake), or the ingest is stopping.
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            Abort($"sending a command failed: {e.Message}");
        }

        return await reading.ConfigureAwait(false);
    }

    public void Abort(string reason)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            abortReason ??= reason;
            pipe.Input.CancelPendingRead();
            ending.Cancel();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        ending.Dispose();
        commands.Dispose();
    }

    private async Task<string> ReadLoopAsync()
    {
        var reader = pipe.Input;
        long held = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                if (result.IsCanceled)
                {
                    return abortReason ?? "stopped";
                }

                var buffer = result.Buffer;
                counters.Bytes += buffer.Length - held;
                if (traffic is not null)
                {
                    path.Input.Recorder!.Received(traffic, path.Input.UnixNanoseconds(), buffer.Slice(held));
                }

                Decode(ref buffer);
                reader.AdvanceTo(buffer.Start, buffer.End);
                held = buffer.Length;
                if (result.IsCompleted)
                {
                    return held > 0 ? $"closed by the peer with {held} bytes of an unfinished frame" : "closed by the peer";
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            return abortReason ?? $"connection lost: {e.Message}";
        }
        finally
        {
            // Ends a handshake still waiting on this connection.
            lock (gate)
            {
                if (!disposed)
                {
                    ending.Cancel();
                }
            }
        }
    }

    private void Decode(ref ReadOnlySequence<byte> buffer)
    {
        var now = path.Input.Timers.GetTimestamp();
        var arrival = path.Input.UnixNanoseconds();
        while (true)
        {
            var status = decoder.TryReadFrame(ref buffer, out var frame);
            if (status == FrameReadStatus.NeedMoreData)
            {
                return;
            }

            path.HandleFrame(frame, status, counters, decoder, arrival, now);
        }
    }
}
