using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Metrics;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Time;

namespace Pdc.LoadTest;

/// <summary>
/// The whole PDC path under load (<c>--concentrate 1</c>): every delivered frame goes into a concentrator, whose
/// aligned frames output streams serialize and send, each to one TCP subscriber that reads and discards them, so
/// that publication latency (from the last device's arrival, or the deadline, to the bytes handed to the socket)
/// is measured with the load on. A C37.118 frame holds at most 65535 bytes, so the PMUs are shared out
/// over streams of <see cref="DevicesPerStream"/>, as a PDC with thousands of PMUs serves them.
/// </summary>
internal sealed class ConcentratingSink : IFrameSink, IAsyncDisposable
{
    // A CFG-2 of these PMUs takes about 390 bytes each: 150 keep it within one frame.
    private const int DevicesPerStream = 150;

    private readonly CountingSink counter;
    private readonly Concentrator concentrator;
    private readonly List<OutputStream> outputs;
    private readonly DeviceListUpdates deviceUpdates;
    private readonly CancellationTokenSource stopping = new();
    private IngestService? ingest;
    private Task[] subscribers = [];
    private ConcentratorStatistics? before;
    private LatencyStatistics[] onTheWireBefore = [];

    /// <param name="options">PMUs, rate, publication threads, and the instants the generator sends at once: the lag time covers a batch's span.</param>
    public ConcentratingSink(CountingSink counter, LoadOptions options)
    {
        this.counter = counter;
        var (pmus, rate) = (options.Pmus, options.Rate);
        var lag = TimeSpan.FromMilliseconds(100) + TimeSpan.FromSeconds((options.FramesPerSend - 1) / (double)rate);
        var alignment = new AlignmentOptions { FramesPerSecond = rate, LagTime = lag, PublicationThreads = options.PublicationThreads };
        var empty = new OutputLayout(alignment, [], 0);
        outputs = Enumerable.Range(0, (pmus + DevicesPerStream - 1) / DevicesPerStream)
            .Select(s => new OutputStream(StreamOptions(s, pmus), empty, SystemClock.Instance))
            .ToList();
        concentrator = new Concentrator(alignment, SystemClock.Instance, outputs);
        deviceUpdates = new DeviceListUpdates(CurrentDevices, devices => concentrator.SetDevices(devices), TimeSpan.FromMilliseconds(200));
    }

    public Task StartAsync(IngestService service)
    {
        ingest = service;
        return StartOutputsAsync();
    }

    /// <summary>Starts with a fixed device list, for frames placed in this process (<see cref="Place"/>).</summary>
    public Task StartAsync(IReadOnlyList<DeviceSource> devices)
    {
        concentrator.SetDevices(devices);
        return StartOutputsAsync();
    }

    /// <summary>Places a frame that did not come through the ingest.</summary>
    public void Place(ushort idCode, DataFrame frame, long arrivalNanoseconds) => concentrator.Place(idCode, frame, 0, arrivalNanoseconds);

    private async Task StartOutputsAsync()
    {
        foreach (var output in outputs)
        {
            await output.StartAsync().ConfigureAwait(false);
        }

        concentrator.Start();
        subscribers = [.. outputs.Select(o => Task.Run(() => SubscribeAsync(o.TcpEndPoint!, o.Snapshot().IdCode, stopping.Token)))];
    }

    public void OnDataFrame(InputDevice device, DataFrame frame, long arrivalNanoseconds)
    {
        counter.OnDataFrame(device, frame, arrivalNanoseconds);
        concentrator.Place(device.IdCode, frame, device.PmuIndex, arrivalNanoseconds);
    }

    public void OnDevicesChanged(Input input) => deviceUpdates.Request();

    /// <summary>Latencies reported from here on leave out the warm-up (connection storm, JIT compilation).</summary>
    public void StartWindow()
    {
        before = concentrator.Snapshot();
        onTheWireBefore = [.. outputs.Select(o => OnTheWire(o.Snapshot()))];
    }

    public string Report()
    {
        var c = concentrator.Snapshot();
        var streams = outputs.Select(o => o.Snapshot()).ToList();
        var published = Since(c.PublicationLatency, before?.PublicationLatency);
        var lines = new List<string>
        {
            $"aligned          {c.Published} instants: {c.PublishedComplete} complete, {c.PublishedAtTimeout} at the lag time; {c.Devices.Sum(d => d.Late)} late frames, {c.Devices.Sum(d => d.Missing)} missing device frames (since start)",
            $"                 after the warm-up: {c.Published - before?.Published} instants: {c.PublishedComplete - before?.PublishedComplete} complete, {c.PublishedAtTimeout - before?.PublishedAtTimeout} at the lag time; {c.Devices.Sum(d => d.Late) - before?.Devices.Sum(d => d.Late)} late frames, {c.Devices.Sum(d => d.Missing) - before?.Devices.Sum(d => d.Missing)} missing device frames",
            $"publication      concentrator p50 {published.P50.TotalMilliseconds:0.000} ms, p99 {published.P99.TotalMilliseconds:0.000} ms, max {published.Max.TotalMilliseconds:0.000} ms over {published.Count} instants after the warm-up (last arrival or deadline -> published)",
        };
        for (var i = 0; i < streams.Count; i++)
        {
            var stream = streams[i];
            lines.Add($"{stream.Name,-7} {stream.FramesOffered} offered, {stream.FramesSerialized} serialized, {stream.FramesUnheard} unheard, {stream.FramesOfOldLayout} of an old layout{string.Concat(stream.Problems.Select(p => "; " + p))}");
            if (stream.Subscribers.Count > 0 && stream.Subscribers[0] is var s)
            {
                var wire = Since(s.ReadyLatency, i < onTheWireBefore.Length ? onTheWireBefore[i] : null);
                lines.Add($"   on the wire  p50 {wire.P50.TotalMilliseconds:0.000} ms, p99 {wire.P99.TotalMilliseconds:0.000} ms, max {wire.Max.TotalMilliseconds:0.000} ms after the warm-up (last arrival or deadline -> bytes handed to the subscriber's socket); {s.FramesSent} frames sent, {s.FramesDropped} dropped");
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static LatencyStatistics OnTheWire(OutputStreamStatistics stream) =>
        stream.Subscribers.Count > 0 ? stream.Subscribers[0].ReadyLatency : LatencyStatistics.Empty;

    private static LatencyStatistics Since(LatencyStatistics now, LatencyStatistics? before) =>
        before is null ? now : now.Since(before);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(subscribers).ConfigureAwait(false);
        deviceUpdates.Dispose();
        await concentrator.DisposeAsync().ConfigureAwait(false);
        foreach (var output in outputs)
        {
            await output.DisposeAsync().ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    /// <summary>Stream <paramref name="index"/> carries PMUs <c>index × 150 + 1</c> onwards (the generator's IDCODEs count from 1).</summary>
    private static OutputStreamOptions StreamOptions(int index, int pmus)
    {
        var options = new OutputStreamOptions { Name = $"load{index + 1}", IdCode = (ushort)(60_000 + index), ListenAddress = "127.0.0.1", TcpPort = 0 };
        var first = (index * DevicesPerStream) + 1;
        foreach (var idCode in Enumerable.Range(first, Math.Min(DevicesPerStream, pmus - first + 1)))
        {
            options.Devices.Add(new OutputDeviceOptions { IdCode = (ushort)idCode });
        }

        return options;
    }

    private static async Task SubscribeAsync(IPEndPoint endpoint, ushort idCode, CancellationToken cancellation)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint, cancellation).ConfigureAwait(false);
        var stream = client.GetStream();
        var command = new System.Buffers.ArrayBufferWriter<byte>();
        new CommandFrame(ProtocolVersion.Ieee2011, idCode, FrameTimestamp.Create(0, 0), CommandCode.TurnOnTransmission).Write(command);
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

    private List<DeviceSource> CurrentDevices() =>
        [.. ingest!.Inputs.Where(i => i.Config is not null).SelectMany(i => i.Devices.Select(d => DeviceSource.From(i.Config!, d.PmuIndex)))];
}
