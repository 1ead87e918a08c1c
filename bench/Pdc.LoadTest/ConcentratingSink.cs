using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Time;

namespace Pdc.LoadTest;

/// <summary>
/// The whole PDC path under load (<c>--concentrate 1</c>): every delivered frame goes into a concentrator, whose
/// aligned frames one output stream serializes and sends to one TCP subscriber that reads and discards them, so
/// that publication latency (from the last device's arrival, or the deadline, to the bytes handed to the socket)
/// is measured with the load on.
/// </summary>
internal sealed class ConcentratingSink : IFrameSink, IAsyncDisposable
{
    private readonly CountingSink counter;
    private readonly Concentrator concentrator;
    private readonly OutputStream output;
    private readonly Lock devicesGate = new();
    private readonly CancellationTokenSource stopping = new();
    private IngestService? ingest;
    private Task? subscriber;

    public ConcentratingSink(CountingSink counter, int rate)
    {
        this.counter = counter;
        var alignment = new AlignmentOptions { FramesPerSecond = rate, LagTime = TimeSpan.FromMilliseconds(100) };
        output = new OutputStream(new OutputStreamOptions { Name = "load", IdCode = 1, ListenAddress = "127.0.0.1", TcpPort = 0 }, new OutputLayout(alignment, [], 0), SystemClock.Instance);
        concentrator = new Concentrator(alignment, SystemClock.Instance, [output]);
    }

    public async Task StartAsync(IngestService service)
    {
        ingest = service;
        await output.StartAsync().ConfigureAwait(false);
        concentrator.Start();
        subscriber = Task.Run(() => SubscribeAsync(output.TcpEndPoint!, stopping.Token));
    }

    public void OnDataFrame(InputDevice device, DataFrame frame, long arrivalNanoseconds)
    {
        counter.OnDataFrame(device, frame, arrivalNanoseconds);
        concentrator.Place(device.IdCode, frame, device.PmuIndex, arrivalNanoseconds);
    }

    public void OnDevicesChanged(Input input)
    {
        lock (devicesGate)
        {
            var devices = ingest!.Inputs.Where(i => i.Config is not null)
                .SelectMany(i => i.Devices.Select(d => DeviceSource.From(i.Config!, d.PmuIndex)))
                .ToList();
            concentrator.SetDevices(devices);
        }
    }

    public string Report()
    {
        var c = concentrator.Snapshot();
        var subscribers = output.Snapshot().Subscribers;
        var s = subscribers.Count > 0 ? subscribers[0] : null;
        var lines = new List<string>
        {
            $"aligned          {c.Published} instants: {c.PublishedComplete} complete, {c.PublishedAtTimeout} at the lag time; {c.Devices.Sum(d => d.Late)} late frames",
            $"publication      concentrator p50 {c.PublicationLatency.P50.TotalMilliseconds:0.000} ms, p99 {c.PublicationLatency.P99.TotalMilliseconds:0.000} ms, max {c.PublicationLatency.Max.TotalMilliseconds:0.000} ms (last arrival or deadline -> published)",
        };
        if (s is not null)
        {
            lines.Add($"on the wire      p50 {s.ReadyLatency.P50.TotalMilliseconds:0.000} ms, p99 {s.ReadyLatency.P99.TotalMilliseconds:0.000} ms, max {s.ReadyLatency.Max.TotalMilliseconds:0.000} ms (last arrival or deadline -> bytes handed to the subscriber's socket); {s.FramesSent} frames sent, {s.FramesDropped} dropped");
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static async Task SubscribeAsync(IPEndPoint endpoint, CancellationToken cancellation)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint, cancellation).ConfigureAwait(false);
        var stream = client.GetStream();
        var command = new System.Buffers.ArrayBufferWriter<byte>();
        new CommandFrame(ProtocolVersion.Ieee2011, 1, FrameTimestamp.Create(0, 0), CommandCode.TurnOnTransmission).Write(command);
        await stream.WriteAsync(command.WrittenMemory, cancellation).ConfigureAwait(false);
        var buffer = new byte[1 << 20];
        try
        {
            while (await stream.ReadAsync(buffer, cancellation).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (subscriber is not null)
        {
            await subscriber.ConfigureAwait(false);
        }

        await concentrator.DisposeAsync().ConfigureAwait(false);
        await output.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
    }
}
