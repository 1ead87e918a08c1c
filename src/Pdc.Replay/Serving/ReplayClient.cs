using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Replay.Serving;

/// <summary>
/// One TCP client of a served stream, served as a PMU serves one: nothing until it sends commands, then the
/// replies it asks for and, between "turn on" and "turn off", the data frames as they fall due. Its place in the
/// stream is its own: paced, it follows the shared timeline, and when it reads so slowly that more than its queue
/// of frames is due, the oldest are dropped (counted), so it never holds up the others; at full speed it reads
/// the capture as fast as its socket takes it.
/// </summary>
internal sealed class ReplayClient : IDisposable
{
    private const int BatchBytes = 64 * 1024;
    private const int Off = 0;
    private const int On = 1;
    private const int TurnedOn = 2;

    private readonly Socket socket;
    private readonly CapturedStream stream;
    private readonly ReplayTimeline timeline;
    private readonly int queueFrames;
    private readonly Action<string> log;
    private readonly ConcurrentQueue<byte[]> replies = new();
    private readonly SemaphoreSlim wake = new(0);
    private readonly byte[] batch = new byte[BatchBytes];
    private int transmission;
    private long turnedOnTicks;
    private long position;
    private long dropped;
    private long sent;

    public ReplayClient(Socket socket, CapturedStream stream, ReplayTimeline timeline, int queueFrames, Action<string> log)
    {
        this.socket = socket;
        this.stream = stream;
        this.timeline = timeline;
        this.queueFrames = queueFrames;
        this.log = log;
        Name = $"tcp {socket.RemoteEndPoint}";
    }

    public string Name { get; }

    /// <summary>Data frames skipped because the client read too slowly.</summary>
    public long DroppedFrames => Interlocked.Read(ref dropped);

    public long SentFrames => Interlocked.Read(ref sent);

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

    public void Dispose()
    {
        socket.Dispose();
        wake.Dispose();
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
            // The connection is over; the listener logs that it ended.
        }
    }

    private async Task ReceiveLoopAsync(CancellationToken cancellationToken)
    {
        await using var network = new NetworkStream(socket, ownsSocket: false);
        var pipe = PipeReader.Create(network);
        var reader = new FrameReader();
        while (true)
        {
            var result = await pipe.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (reader.TryReadFrame(ref buffer, out var raw) is var status && status != FrameReadStatus.NeedMoreData)
            {
                if (status == FrameReadStatus.Frame && raw.Header.Type == FrameType.Command && CommandFrame.Read(raw.Bytes) is { } command)
                {
                    Handle(command);
                }
            }

            pipe.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                await pipe.CompleteAsync().ConfigureAwait(false);
                return;
            }
        }
    }

    private void Handle(CommandFrame command)
    {
        // Past the end of a capture served once, its last frame's description still holds.
        var (pass, index) = Math.DivRem(Math.Min(Volatile.Read(ref position), timeline.End(stream) - 1), stream.FrameCount);
        var description = stream.DescriptionAt((int)index);
        if (command.IdCode != stream.IdCode && command.IdCode != description.Config.IdCode)
        {
            log($"{Name}: command {command.Command} for IDCODE {command.IdCode} ignored (this stream is IDCODE {stream.IdCode})");
            return;
        }

        switch (command.Command)
        {
            case CommandCode.TurnOnTransmission:
                // Taken before the clock starts, so that the first client to turn on gets the capture's first frame.
                Volatile.Write(ref turnedOnTicks, Stopwatch.GetTimestamp());
                timeline.Start();
                Volatile.Write(ref transmission, TurnedOn);
                break;
            case CommandCode.TurnOffTransmission:
                Volatile.Write(ref transmission, Off);
                break;
            default:
                var frames = description.Reply(command.Command);
                if (frames.Count == 0)
                {
                    log($"{Name}: {command.Command} ignored (the capture has nothing to answer it with)");
                }

                var shift = timeline.ShiftFor(pass);
                foreach (var frame in frames)
                {
                    var reply = frame;
                    if (shift != 0)
                    {
                        reply = (byte[])frame.Clone();
                        FrameRestamper.Shift(reply, shift, description.Config.TimeBase);
                    }

                    replies.Enqueue(reply);
                }

                break;
        }

        wake.Release();
    }

    private async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        var end = timeline.End(stream);
        var endLogged = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            while (replies.TryDequeue(out var reply))
            {
                await SendAsync(reply, cancellationToken).ConfigureAwait(false);
            }

            var state = Interlocked.CompareExchange(ref transmission, On, TurnedOn);
            if (state == Off)
            {
                await wake.WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (state == TurnedOn && timeline.IsPaced)
            {
                // Live, as a PMU is: from the frames due now on, not from where it stopped.
                Volatile.Write(ref position, timeline.PositionAtOrAfter(stream, Volatile.Read(ref turnedOnTicks)));
            }

            var now = Stopwatch.GetTimestamp();
            var due = timeline.IsPaced ? timeline.PositionAtOrAfter(stream, now) : end;
            if (timeline.IsPaced && due - position > queueFrames)
            {
                Interlocked.Add(ref dropped, due - queueFrames - position);
                Volatile.Write(ref position, due - queueFrames);
            }

            var length = Fill(due);
            if (length > 0)
            {
                await SendAsync(batch.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }
            else if (position >= end)
            {
                if (!endLogged)
                {
                    endLogged = true;
                    log($"{Name}: the capture's {stream.FrameCount} data frames are all sent");
                }

                await wake.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var wait = Stopwatch.GetElapsedTime(now, timeline.DueTicks(stream, position));
                await wake.WaitAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Copies the frames from the client's position up to <paramref name="due"/> into the batch (restamped when asked); returns the bytes.</summary>
    private int Fill(long due)
    {
        var length = 0;
        while (position < due)
        {
            var (pass, index) = Math.DivRem(position, stream.FrameCount);
            var frame = stream.Frame((int)index);
            if (length + frame.Length > batch.Length)
            {
                break;
            }

            var copy = batch.AsSpan(length, frame.Length);
            frame.CopyTo(copy);
            FrameRestamper.Shift(copy, timeline.ShiftFor(pass), stream.DescriptionAt((int)index).Config.TimeBase);
            length += frame.Length;
            Volatile.Write(ref position, position + 1);
            Interlocked.Increment(ref sent);
        }

        return length;
    }

    private async ValueTask SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        while (!bytes.IsEmpty)
        {
            var written = await socket.SendAsync(bytes, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            bytes = bytes[written..];
        }
    }
}
