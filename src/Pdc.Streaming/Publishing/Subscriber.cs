using System.Net.Sockets;
using Pdc.Protocol;
using Pdc.Streaming.Metrics;
using Pdc.Streaming.Recording;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Publishing;

/// <summary>
/// One receiver of an output stream over one connected socket (a TCP client, or a UDP destination): its queue of
/// shared frames, an async send loop that drains it (no thread of its own), and its counters. The socket is
/// non-blocking, so the publisher can hand a frame straight to it (<see cref="Offer"/>) without waiting for a
/// thread to wake; a socket without room sends nothing more on the publisher's time, its frames wait in the queue.
/// </summary>
internal sealed class Subscriber
{
    private readonly Socket socket;
    private readonly IClock clock;
    private readonly LatencyHistogram publicationLatency = new();
    private readonly LatencyHistogram readyLatency = new();
    private readonly long connectedNanoseconds;
    private volatile bool sending;
    private long framesSent;
    private long bytesSent;
    private long commandsReceived;
    private long commandsIgnored;
    private long sendErrors;

    public Subscriber(Socket socket, SubscriberTransport transport, string remoteEndPoint, int queueFrames, IClock clock)
    {
        this.socket = socket;
        this.clock = clock;
        Transport = transport;
        RemoteEndPoint = remoteEndPoint;
        Queue = new SubscriberQueue(queueFrames);
        connectedNanoseconds = clock.UtcNowNanoseconds;
    }

    public SubscriberTransport Transport { get; }

    public string RemoteEndPoint { get; }

    public SubscriberQueue Queue { get; }

    /// <summary>Sees every frame sent to this subscriber, when Pdc records what it sends.</summary>
    public ITrafficRecorder? Recorder { get; init; }

    /// <summary>This subscription's socket, as <see cref="Recorder"/> names it.</summary>
    public TrafficConnection? Traffic { get; init; }

    /// <summary>Whether the publisher queues data frames for it: "turn on" and "turn off".</summary>
    public bool IsSending
    {
        get => sending;
        set => sending = value;
    }

    /// <summary>The config form it last asked for; a config change is announced to it in that form.</summary>
    public FrameType PreferredConfig { get; set; } = FrameType.Config2;

    public bool IsDatagram => Transport is SubscriberTransport.Udp or SubscriberTransport.UdpMulticast;

    public void CountCommand(bool acted)
    {
        Interlocked.Increment(ref commandsReceived);
        if (!acted)
        {
            Interlocked.Increment(ref commandsIgnored);
        }
    }

    /// <summary>
    /// Sends <paramref name="frame"/> now when nothing waits before it and the socket has room; otherwise queues it
    /// (what the socket did not take is finished by the send loop). Never blocks.
    /// </summary>
    public void Offer(FrameBuffer frame)
    {
        if (!Queue.TryBeginDirectSend())
        {
            Queue.TryEnqueue(frame);
            return;
        }

        FrameBuffer? rest = null;
        var sent = 0;
        var failed = false;
        try
        {
            var bytes = frame.Memory.Span;
            sent = socket.Send(bytes, SocketFlags.None, out var error);
            if (sent == bytes.Length)
            {
                RecordLatency(frame);
                CountSent(frame);
            }
            else if (error is SocketError.Success or SocketError.WouldBlock)
            {
                // No room (or part of it): a datagram is all or nothing, a stream goes on where the socket stopped.
                (rest, sent) = (frame, IsDatagram ? 0 : Math.Max(sent, 0));
            }
            else if (IsDatagram)
            {
                Interlocked.Increment(ref sendErrors);
            }
            else
            {
                failed = true;
            }
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: the subscription is over.
        }
        finally
        {
            Queue.EndDirectSend(rest, sent);
        }

        if (failed)
        {
            Close();
        }
    }

    /// <summary>
    /// Sends queued frames until the queue closes or the socket fails. A datagram destination survives a failed
    /// send (an ICMP "port unreachable" reported on the next one); a TCP client does not.
    /// </summary>
    public async Task RunSendLoopAsync()
    {
        // One long-lived state machine: a send that must wait for room allocates nothing.
        try
        {
            while (await Queue.WaitAsync().ConfigureAwait(false))
            {
                while (Queue.TryDequeue(out var frame, out var alreadySent))
                {
                    try
                    {
                        var bytes = frame.Memory[alreadySent..];
                        while (!bytes.IsEmpty)
                        {
                            // A stream socket may take part of the bytes; a datagram socket takes all or fails.
                            var sent = await socket.SendAsync(bytes, SocketFlags.None).ConfigureAwait(false);
                            bytes = bytes[sent..];
                        }

                        // Measured once the socket has taken the last byte: "to the wire" as the statistics say.
                        RecordLatency(frame);
                        CountSent(frame);
                    }
                    catch (SocketException) when (IsDatagram)
                    {
                        Interlocked.Increment(ref sendErrors);
                    }
                    finally
                    {
                        frame.Release();
                    }
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The peer went away or the stream is stopping: either way this subscription is over.
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Ends the subscription: no more frames are queued, those waiting are released, the socket closes.</summary>
    public void Close()
    {
        sending = false;
        Queue.Close();
        socket.Dispose();
    }

    /// <summary>A copy of the counters; the latency figures, written unlocked by whichever of the publisher and the send loop holds the socket, may lag a frame behind.</summary>
    public SubscriberStatistics Snapshot() => new()
    {
        Transport = Transport,
        RemoteEndPoint = RemoteEndPoint,
        ConnectedSince = DateTimeOffset.UnixEpoch.AddTicks(connectedNanoseconds / 100),
        IsSending = sending,
        FramesSent = Interlocked.Read(ref framesSent),
        BytesSent = Interlocked.Read(ref bytesSent),
        FramesDropped = Queue.Dropped,
        FramesQueued = Queue.Count,
        CommandsReceived = Interlocked.Read(ref commandsReceived),
        CommandsIgnored = Interlocked.Read(ref commandsIgnored),
        SendErrors = Interlocked.Read(ref sendErrors),
        PublicationLatency = LatencyStatistics.From(publicationLatency),
        ReadyLatency = LatencyStatistics.From(readyLatency),
    };

    private void RecordLatency(FrameBuffer frame)
    {
        if (frame.CarriesData)
        {
            var now = clock.UtcNowNanoseconds;
            publicationLatency.Record((now - frame.PublishedNanoseconds) / 1000);
            readyLatency.Record((now - frame.ReadyNanoseconds) / 1000);
        }
    }

    private void CountSent(FrameBuffer frame)
    {
        Interlocked.Increment(ref framesSent);
        Interlocked.Add(ref bytesSent, frame.Length);
        if (Traffic is not null)
        {
            Recorder!.Sent(Traffic, clock.UtcNowNanoseconds, frame.Memory.Span);
        }
    }
}
