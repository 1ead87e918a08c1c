using System.Net;
using Pdc.Capture;

namespace Pdc.Replay.Serving;

/// <summary>
/// Serves a capture live, as its PMUs or PDCs served it: every C37.118 stream in it gets a TCP listener that
/// answers commands with the capture's own config and header frames and sends its data frames on the capture's
/// timing (or faster), to several clients at once, each with its own transmission state.
/// </summary>
/// <example>
/// <code>
/// using var reader = CaptureFile.Open("incident.pcapng");
/// await using var server = CaptureServer.Start(reader, new CaptureServerOptions { Listen = new(IPAddress.Loopback, 4712), Restamp = true });
/// // server.Streams[i].TcpEndPoint: send CFG-2 and "turn on" to server.Streams[i].IdCode
/// </code>
/// </example>
public sealed class CaptureServer : IAsyncDisposable
{
    private readonly StreamListener[] listeners;

    private CaptureServer(StreamListener[] listeners, IReadOnlyList<ServedCaptureStream> streams)
    {
        this.listeners = listeners;
        Streams = streams;
    }

    /// <summary>The streams served, in order of their first data frame in the capture, with the ports bound.</summary>
    public IReadOnlyList<ServedCaptureStream> Streams { get; }

    /// <summary>Reads the whole capture into memory, binds a listener per stream and starts serving.</summary>
    /// <exception cref="InvalidDataException">The capture holds no data frame that decodes (no stream to serve).</exception>
    /// <exception cref="System.Net.Sockets.SocketException">A port could not be bound.</exception>
    public static CaptureServer Start(CaptureReader reader, CaptureServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var streams = CaptureLoader.Load(reader);
        if (streams.Count == 0)
        {
            throw new InvalidDataException("The capture holds no C37.118 data frames that decode (a stream needs its config in the capture).");
        }

        var timeline = new ReplayTimeline(streams, options.Speed, options.Loop, options.Restamp);
        var listeners = new List<StreamListener>();
        try
        {
            for (var s = 0; s < streams.Count; s++)
            {
                var port = options.Listen.Port == 0 ? 0 : options.Listen.Port + s;
                listeners.Add(new StreamListener(new IPEndPoint(options.Listen.Address, port), streams[s], timeline, options));
            }
        }
        catch
        {
            foreach (var listener in listeners)
            {
                listener.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }

            throw;
        }

        var served = streams.Select((stream, s) => new ServedCaptureStream(
            stream.IdCode,
            [.. stream.FirstDescription.Config.Pmus.Select(p => (p.StationName, p.IdCode))],
            listeners[s].EndPoint,
            stream.FrameCount,
            stream.Source)).ToList();
        foreach (var listener in listeners)
        {
            listener.Start();
        }

        return new CaptureServer([.. listeners], served);
    }

    /// <summary>Stops serving: closes every listener and client and waits for their loops to end.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var listener in listeners)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }
}
