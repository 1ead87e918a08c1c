using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;
using Pdc.Streaming.Recording;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Publishing;

/// <summary>
/// A TCP listener of an output stream: each client becomes a subscriber with its own send loop, and a read loop
/// that hands its command frames to the stream. Serves data subscribers, or the UDP destinations' command channel.
/// </summary>
internal sealed class SubscriberListener : IDisposable
{
    private readonly Socket listener;
    private readonly SubscriberTransport transport;
    private readonly OutputStreamOptions options;
    private readonly IClock clock;
    private readonly SubscriberSet subscribers;
    private readonly Action<Subscriber, CommandFrame> onCommand;
    private readonly ITrafficRecorder? recorder;
    private readonly ConcurrentDictionary<Task, byte> serving = new();
    private volatile bool stopping;
    private Task accepting = Task.CompletedTask;

    public SubscriberListener(
        IPEndPoint endpoint,
        SubscriberTransport transport,
        OutputStreamOptions options,
        IClock clock,
        SubscriberSet subscribers,
        Action<Subscriber, CommandFrame> onCommand,
        ITrafficRecorder? recorder = null)
    {
        this.recorder = recorder;
        this.transport = transport;
        this.options = options;
        this.clock = clock;
        this.subscribers = subscribers;
        this.onCommand = onCommand;
        listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen();
        }
        catch
        {
            listener.Dispose();
            throw;
        }

        EndPoint = (IPEndPoint)listener.LocalEndPoint!;
    }

    /// <summary>The bound address and port (the real port when 0 was asked for).</summary>
    public IPEndPoint EndPoint { get; }

    public void Start() => accepting = AcceptLoopAsync();

    /// <summary>Stops accepting; once this completes, every accepted client is in the subscriber set, for the caller to close.</summary>
    public async Task StopAcceptingAsync()
    {
        Dispose();
        await accepting.ConfigureAwait(false);
    }

    /// <summary>Closes the listening socket; connections already accepted go on until their subscribers close.</summary>
    public void Dispose()
    {
        stopping = true;
        listener.Dispose();
    }

    /// <summary>Completes when every connection has ended (after the caller closed the subscribers).</summary>
    public Task WhenServedAsync() => Task.WhenAll(serving.Keys);

    private async Task AcceptLoopAsync()
    {
        while (!stopping)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException) when (!stopping)
            {
                // Out of descriptors, or a client gone before it was accepted: wait a little and go on serving.
                await Task.Delay(100).ConfigureAwait(false);
                continue;
            }
            catch (SocketException)
            {
                return;
            }

            var connection = ServeAsync(client);
            serving.TryAdd(connection, 0);
            _ = connection.ContinueWith(done => serving.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        client.NoDelay = true;
        if (options.SocketSendBufferBytes is { } bytes)
        {
            client.SendBufferSize = bytes;
        }

        // NetworkStream refuses a non-blocking socket, but reads asynchronously either way: it is made first, then
        // the socket turns non-blocking so that the publisher's sends never wait.
        var commands = PipeReader.Create(new NetworkStream(client, ownsSocket: false));
        client.Blocking = false;
        var subscriber = new Subscriber(client, transport, client.RemoteEndPoint?.ToString() ?? "unknown", options.SubscriberQueueFrames, clock)
        {
            Recorder = recorder,
            Traffic = recorder is null ? null : TrafficConnection.Of(client, $"output {options.Name}"),
        };
        if (stopping || !subscribers.TryAdd(subscriber, options.MaxSubscribers))
        {
            await commands.CompleteAsync().ConfigureAwait(false);
            client.Dispose();
            return;
        }

        var sending = subscriber.RunSendLoopAsync();
        try
        {
            await ReadCommandsAsync(subscriber, commands).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The client went away, or its send loop closed the socket.
        }
        finally
        {
            subscriber.Close();
            subscribers.Remove(subscriber);
        }

        await sending.ConfigureAwait(false);
    }

    /// <summary>Reads frames until the client closes; a client that only half-closes is treated as gone.</summary>
    private async Task ReadCommandsAsync(Subscriber subscriber, PipeReader reader)
    {
        var frames = new FrameReader();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                Dispatch(subscriber, frames, ref buffer);
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    private void Dispatch(Subscriber subscriber, FrameReader frames, ref ReadOnlySequence<byte> buffer)
    {
        while (true)
        {
            var status = frames.TryReadFrame(ref buffer, out var raw);
            if (status == FrameReadStatus.NeedMoreData)
            {
                return;
            }

            if (status != FrameReadStatus.Frame)
            {
                continue;
            }

            if (raw.Header.Type == FrameType.Command && CommandFrame.Read(raw.Bytes) is { } command)
            {
                onCommand(subscriber, command);
            }
            else
            {
                subscriber.CountCommand(acted: false);
            }
        }
    }
}
