using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>
/// A TCP port that devices connect in to. Each connection is identified by the IDCODE of its first whole frame
/// (or at once by its address, where an input names it) and handed to that input's path with the frame still
/// unread; anything else is closed and counted by reason. Identification is bounded in time and bytes, so that
/// connections that say nothing, or only garbage, cost nothing lasting.
/// </summary>
internal sealed class TcpInputListener : IDisposable
{
    // The most Linux grants by default (somaxconn); a storm of connects fills a shorter queue and costs 1 s SYN retries.
    private const int Backlog = 4096;

    // Two of the largest frames: a stream that joins mid-frame still shows a whole one within this.
    private const int MaxIdentifyBytes = 2 * ushort.MaxValue;

    private readonly Socket socket;
    private readonly Dictionary<ushort, TcpListenerPath> byIdCode = [];
    private readonly Dictionary<IPAddress, TcpListenerPath> byAddress = [];
    private readonly TimeSpan identifyTimeout;
    private readonly long[] refusals = new long[Enum.GetValues<ListenerRefusal>().Length];
    private long accepted;
    private long identified;
    private int unidentified;

    public TcpInputListener(IPEndPoint endpoint, IEnumerable<TcpListenerPath> paths, TimeSpan identifyTimeout)
    {
        this.identifyTimeout = identifyTimeout;
        foreach (var path in paths)
        {
            if (!byIdCode.TryAdd(path.Input.IdCode, path))
            {
                throw new InvalidOperationException($"Two inputs wait for IDCODE {path.Input.IdCode} on listener {endpoint}.");
            }

            if (path.Endpoint.RemoteHost is { } host && IPAddress.TryParse(host, out var address))
            {
                byAddress[Normalize(address)] = path;
            }

            path.Listener = this;
        }

        socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(endpoint);
            socket.Listen(Backlog);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Endpoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint Endpoint { get; }

    public ListenerStatistics GetStatistics() => new(
        Endpoint,
        Interlocked.Read(ref accepted),
        Interlocked.Read(ref identified),
        Volatile.Read(ref unidentified),
        Enum.GetValues<ListenerRefusal>().Where(r => Interlocked.Read(ref refusals[(int)r]) > 0).ToDictionary(r => r, r => Interlocked.Read(ref refusals[(int)r])));

    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await socket.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                // A connection reset while queued; the listener itself is fine.
                continue;
            }

            Interlocked.Increment(ref accepted);
            connection.NoDelay = true;
            _ = IdentifyAsync(connection, stopping);
        }
    }

    public void Dispose() => socket.Dispose();

    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private async Task IdentifyAsync(Socket connection, CancellationToken stopping)
    {
        Interlocked.Increment(ref unidentified);
        var peer = connection.RemoteEndPoint;
        var path = peer is IPEndPoint ip ? byAddress.GetValueOrDefault(Normalize(ip.Address)) : null;
        StreamDuplexPipe? pipe = null;
        try
        {
            if (path is null)
            {
                (path, pipe) = await IdentifyByFirstFrameAsync(connection, stopping).ConfigureAwait(false);
            }
            else
            {
                pipe = new StreamDuplexPipe(new NetworkStream(connection, ownsSocket: true));
            }
        }
        finally
        {
            Interlocked.Decrement(ref unidentified);
        }

        if (path is null)
        {
            if (pipe is null)
            {
                connection.Dispose();
            }
            else
            {
                await pipe.DisposeAsync().ConfigureAwait(false);
            }

            return;
        }

        Interlocked.Increment(ref identified);
        path.Accept(new ListenerConnection(pipe!, peer));
    }

    /// <summary>Waits (bounded) for the first whole frame and finds the path of its IDCODE; a null path means refused and counted.</summary>
    private async Task<(TcpListenerPath? Path, StreamDuplexPipe? Pipe)> IdentifyByFirstFrameAsync(Socket connection, CancellationToken stopping)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(identifyTimeout);

        // Disposing the socket ends a pending wait for data, whether the timeout or the ingest's stop came first.
        using var abort = timeout.Token.Register(static s => ((Socket)s!).Dispose(), connection);
        if (!await SocketReadiness.HasDataAsync(connection).ConfigureAwait(false))
        {
            Refuse(timeout.IsCancellationRequested ? ListenerRefusal.IdentificationTimeout : ListenerRefusal.ClosedBeforeIdentification, stopping);
            return (null, null);
        }

        var pipe = new StreamDuplexPipe(new NetworkStream(connection, ownsSocket: true));
        try
        {
            var (idCode, refusal) = await ReadIdCodeAsync(pipe, timeout.Token).ConfigureAwait(false);
            var path = refusal is null ? byIdCode.GetValueOrDefault(idCode) : null;
            if (path is null)
            {
                Refuse(refusal ?? ListenerRefusal.UnknownIdCode, stopping);
            }

            return (path, pipe);
        }
        catch (OperationCanceledException)
        {
            Refuse(ListenerRefusal.IdentificationTimeout, stopping);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            Refuse(timeout.IsCancellationRequested ? ListenerRefusal.IdentificationTimeout : ListenerRefusal.ClosedBeforeIdentification, stopping);
        }

        return (null, pipe);
    }

    /// <summary>Reads up to the first whole frame and leaves it unconsumed in the pipe; skips garbage before it.</summary>
    private static async Task<(ushort IdCode, ListenerRefusal? Refusal)> ReadIdCodeAsync(StreamDuplexPipe pipe, CancellationToken cancellationToken)
    {
        var reader = pipe.Input;
        var frames = new FrameReader();
        long examined = 0;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var found = Probe(frames, ref buffer, out var idCode);
            if (found)
            {
                reader.AdvanceTo(buffer.Start);
                return (idCode, null);
            }

            examined += result.Buffer.Length - buffer.Length;
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (examined + buffer.Length > MaxIdentifyBytes)
            {
                return (0, ListenerRefusal.NoFrame);
            }

            if (result.IsCompleted)
            {
                return (0, ListenerRefusal.ClosedBeforeIdentification);
            }
        }
    }

    /// <summary>Drops garbage from the front of <paramref name="buffer"/>; true, with the buffer at the frame, when a whole frame starts there.</summary>
    private static bool Probe(FrameReader frames, ref ReadOnlySequence<byte> buffer, out ushort idCode)
    {
        while (true)
        {
            var rest = buffer;
            var status = frames.TryReadFrame(ref rest, out var frame);
            if (status == FrameReadStatus.Frame)
            {
                idCode = frame.Header.IdCode;
                return true;
            }

            idCode = 0;
            if (status == FrameReadStatus.NeedMoreData)
            {
                buffer = rest;
                return false;
            }

            buffer = rest;
        }
    }

    /// <summary>Counts a refusal, unless the ingest is stopping (then nothing was refused: it all closes).</summary>
    private void Refuse(ListenerRefusal reason, CancellationToken stopping)
    {
        if (!stopping.IsCancellationRequested)
        {
            Interlocked.Increment(ref refusals[(int)reason]);
        }
    }
}
