using System.Net;
using Microsoft.Extensions.Logging;
using Pdc.Host.Configuration;
using Pdc.Host.Web;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Recording;
using Pdc.Streaming.Time;

namespace Pdc.Host.Runtime;

/// <summary>
/// A running PDC: ingest reads the PMUs, each data frame goes straight into the concentrator's alignment, and
/// the concentrator hands every aligned instant to the output streams and the detectors as it completes or expires.
/// </summary>
internal sealed class PdcRuntime : IFrameSink, IAsyncDisposable
{
    // Inputs that change within this of each other reach the concentrator together (a thousand PMUs connecting at start).
    private static readonly TimeSpan DeviceUpdateInterval = TimeSpan.FromMilliseconds(200);

    private readonly PdcSettings settings;
    private readonly ILogger log;
    private readonly IngestService ingest;
    private readonly Concentrator concentrator;
    private readonly IReadOnlyList<OutputStream> outputs;
    private readonly DeviceListUpdates deviceUpdates;
    private readonly DetectorStage? detectors;
    private StatusServer? status;

    // Who owns each IDCODE: as the list being built saw it, then as the concentrator aligns it.
    private DeviceOwners listedOwners = new();
    private volatile DeviceOwners owners = new();
    private long framesOfDuplicateIdCodes;
    private readonly PublicationSummary publicationSummary = new();

    private PdcRuntime(PdcSettings settings, ILogger log, IReadOnlyList<IAlignedFrameConsumer> extraConsumers, ITrafficRecorder? recorder)
    {
        this.settings = settings;
        this.log = log;
        var clock = SystemClock.Instance;
        var emptyLayout = new OutputLayout(settings.Concentrator, [], 0);
        outputs = settings.Outputs.Select(o => new OutputStream(o, emptyLayout, clock, recorder)).ToList();
        if (settings.Detectors.All().Any())
        {
            detectors = new DetectorStage(settings.Detectors, log, settings.EventLog.Length > 0 ? settings.EventLog : null);
        }

        IAlignedFrameConsumer[] analysis = detectors is null ? [] : [detectors];
        concentrator = new Concentrator(settings.Concentrator, clock, [.. outputs, .. analysis, .. extraConsumers]);
        ingest = new IngestService(settings.Ingest, this, clock, recorder);
        deviceUpdates = new DeviceListUpdates(CurrentDevices, ApplyDevices, DeviceUpdateInterval, e => RuntimeLog.DeviceListRefused(log, e.Message));
    }

    /// <summary>The status port's address, when it is on.</summary>
    public Uri? StatusAddress => status?.Address;

    public IReadOnlyList<OutputStream> Outputs => outputs;

    public Concentrator Concentrator => concentrator;

    /// <summary>The detectors' events, when any detector is configured.</summary>
    public DetectorStage? Detectors => detectors;

    /// <param name="recorder">Sees the bytes the ingest receives and sends, and the outputs send (pdc run --record).</param>
    public static async Task<PdcRuntime> StartAsync(PdcSettings settings, ILoggerFactory loggers, IReadOnlyList<IAlignedFrameConsumer>? extraConsumers = null, ITrafficRecorder? recorder = null)
    {
        var runtime = new PdcRuntime(settings, loggers.CreateLogger("pdc"), extraConsumers ?? [], recorder);
        foreach (var output in runtime.outputs)
        {
            await output.StartAsync().ConfigureAwait(false);
        }

        runtime.concentrator.Start();
        runtime.ingest.Start();
        if (settings.Http.Length > 0)
        {
            runtime.status = await StatusServer.StartAsync(IPEndPoint.Parse(settings.Http), runtime.Status, runtime.Events, loggers).ConfigureAwait(false);
        }

        return runtime;
    }

    /// <summary>A stream whose PMUs are all this input's to align (the usual case) goes in whole: one lock, not one per PMU.</summary>
    public void OnDataFrame(Input input, DataFrame frame, long arrivalNanoseconds)
    {
        if (owners.OwnsWholeStream(input))
        {
            concentrator.PlaceFrame(frame, arrivalNanoseconds);
            return;
        }

        IFrameSink.EachPmu(this, input, frame, arrivalNanoseconds);
    }

    public void OnDataFrame(InputDevice device, DataFrame frame, long arrivalNanoseconds)
    {
        // A PMU whose IDCODE an earlier input reports is left out of the alignment: its frames would otherwise
        // fill, instant by instant, whichever of the two arrived first, in the other input's device.
        if (!owners.MayAlign(device))
        {
            Interlocked.Increment(ref framesOfDuplicateIdCodes);
            return;
        }

        concentrator.Place(device.IdCode, frame, device.PmuIndex, arrivalNanoseconds);
    }

    /// <summary>Devices are aligned in the order of the inputs in pdc.json, then of the PMUs in each stream.</summary>
    public void OnDevicesChanged(Input input)
    {
        deviceUpdates.Request(immediately: RedescribesAlignedDevice(input));
        if (log.IsEnabled(LogLevel.Information))
        {
            RuntimeLog.DevicesChanged(log, input.Name, input.Devices.Count, string.Join(", ", input.Devices.Select(d => $"{d.StationName} ({d.IdCode})")));
        }
    }

    /// <summary>Hands the list over; said once an update changed what is aligned, not once per input of a storm.</summary>
    private void ApplyDevices(IReadOnlyList<DeviceSource> devices)
    {
        owners = listedOwners;
        var before = concentrator.Layout.Generation;
        concentrator.SetDevices(devices);
        if (concentrator.Layout.Generation != before)
        {
            RuntimeLog.Aligning(log, devices.Count);
        }
    }

    /// <summary>
    /// True when the input's config describes a device already aligned differently (a config change): that goes to
    /// the concentrator at once, before frames in the new config meet the old layout. Devices appearing, or
    /// coming back unchanged after a reconnect (thousands at once after a network outage), may gather.
    /// </summary>
    private bool RedescribesAlignedDevice(Input input)
    {
        if (input.Config is not { } config)
        {
            return false;
        }

        var layout = concentrator.Layout;
        foreach (var device in input.Devices)
        {
            var index = layout.IndexOf(device.IdCode);
            if (index >= 0 && !layout.Devices[index].DescribesSame(DeviceSource.From(config, device.PmuIndex)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every input's devices; a PMU whose IDCODE an earlier input already reports is left out, and said.</summary>
    private List<DeviceSource> CurrentDevices()
    {
        var devices = new List<DeviceSource>();
        var claimed = new DeviceOwners();
        foreach (var each in ingest.Inputs)
        {
            if (each.Config is not { } config)
            {
                continue;
            }

            var streamDevices = each.Devices;
            var whole = true;
            foreach (var device in streamDevices)
            {
                if (!claimed.TryClaim(device.IdCode, each, out var other))
                {
                    RuntimeLog.DuplicateDevice(log, each.Name, device.IdCode, other.Name);
                    whole = false;
                    continue;
                }

                devices.Add(DeviceSource.From(config, device.PmuIndex));
            }

            if (whole)
            {
                claimed.OwnsWhole(each, streamDevices);
            }
        }

        listedOwners = claimed;
        return devices;
    }

    /// <summary>What GET /api/status returns: ingest, concentrator and outputs, at this moment.</summary>
    public object Status() => new
    {
        at = DateTimeOffset.UtcNow,
        ingest = ingest.GetStatistics(),
        concentrator = concentrator.Snapshot(),
        framesOfDuplicateIdCodes = Interlocked.Read(ref framesOfDuplicateIdCodes),
        outputs = outputs.Select(o => o.Snapshot()).ToArray(),
    };

    /// <summary>What GET /api/events returns: the latest detector events, newest last.</summary>
    public object Events() => detectors?.Recent.Snapshot() ?? [];

    /// <summary>One line for the log every few seconds: enough to see that data flows, and where it does not.</summary>
    public string Summary()
    {
        var c = concentrator.Snapshot();
        var inputs = ingest.GetStatistics().Inputs;
        var connected = inputs.Count(i => i.State == ConnectionState.Streaming);
        var subscribers = outputs.Sum(o => o.Snapshot().Subscribers.Count);
        var failures = c.ConsumerFailures == 0 ? string.Empty
            : $"; {c.ConsumerFailures} aligned frame(s) an output or detector failed on, last: {c.LastConsumerFailure} (a bug: please report it with the log)";
        if (detectors?.EventsNotWritten is > 0 and var unwritten)
        {
            failures += $"; {unwritten} detector event(s) not written to {settings.EventLog} (its disk fell behind or refused them: check it; /api/events still has the latest)";
        }

        return $"inputs {connected}/{inputs.Count} streaming; {publicationSummary.Describe(c)}; {subscribers} subscriber(s){failures}";
    }

    public async ValueTask DisposeAsync()
    {
        if (status is not null)
        {
            await status.DisposeAsync().ConfigureAwait(false);
        }

        await ingest.DisposeAsync().ConfigureAwait(false);
        deviceUpdates.Dispose();
        await concentrator.DisposeAsync().ConfigureAwait(false);
        foreach (var output in outputs)
        {
            await output.DisposeAsync().ConfigureAwait(false);
        }

        if (detectors is not null)
        {
            await detectors.DisposeAsync().ConfigureAwait(false);
        }
    }
}
