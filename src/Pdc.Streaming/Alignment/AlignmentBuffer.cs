using System.Numerics;
using Pdc.Protocol;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Alignment;

/// <summary>
/// The heart of the concentrator: one slot per report instant in a ring sized by the lag and lead times;
/// each device's frame goes straight into the slot of its instant, and slots are published in instant order,
/// as soon as every device is in or once the lag time has run out. Single-threaded by design: the live
/// concentrator calls it under one lock, replay calls it directly with the capture's clock.
/// </summary>
public sealed class AlignmentBuffer
{
    private readonly AlignmentOptions options;
    private readonly IClock clock;
    private readonly ReportGrid grid;
    private readonly DeviceTracks tracks = new();
    private readonly Stack<AlignedFrame> pool = new();
    private readonly List<AlignedFrame> forced = [];
    private readonly Dictionary<ushort, FrameBlockPlan> plans = [];
    private readonly long lagNanoseconds;
    private readonly long leadNanoseconds;
    private readonly long toleranceNanoseconds;
    private AlignedFrame?[] ring = [];

    // How many instants the ring holds at once; its length is the next power of two.
    private int reach;
    private DataFrame held;
    private bool[] hasHeld;
    private long delayNanoseconds;

    // The last frame time placed and where it falls: the PMUs of one frame, and PMUs reporting the same
    // instant one after another, share it, and the divisions that place a time cost more than the rest.
    private FrameTimestamp placedTime;
    private uint placedTimeBase;
    private int placedRate;
    private long placedIndex;
    private long placedOffset;
    private long placedNanoseconds;

    private FrameBlockPlan? lastPlan;
    private long nextToPublish = long.MinValue;
    private long newestIndex = long.MinValue;
    private long newestFrameNanoseconds = long.MinValue;

    public AlignmentBuffer(AlignmentOptions options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        this.options = options;
        this.clock = clock;
        lagNanoseconds = options.LagTime.Ticks * 100;
        leadNanoseconds = options.LeadTime.Ticks * 100;
        toleranceNanoseconds = options.TimestampTolerance.Ticks * 100;
        grid = new ReportGrid(options.FramesPerSecond);
        Layout = new OutputLayout(options, [], 0);
        held = new DataFrame(Layout.Config);
        hasHeld = [];
        ResizeRing();
    }

    public OutputLayout Layout { get; private set; }

    public AlignmentStatistics Statistics { get; } = new();

    public ReportGrid Grid => grid;

    /// <summary>
    /// Sets the devices to align, in output order. Slots already collecting keep the layout they began with;
    /// new slots use the new one.
    /// </summary>
    public void SetDevices(IReadOnlyList<DeviceSource> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);

        // A config sent again describes the same devices: a new layout would make every output bump its CFGCNT.
        if (devices.Count == Layout.Devices.Count && devices.Select((d, i) => d.DescribesSame(Layout.Devices[i])).All(same => same))
        {
            return;
        }

        Layout = new OutputLayout(options, devices, Layout.Generation + 1);
        tracks.Clear();
        var maximumDelay = 0L;
        for (var index = 0; index < devices.Count; index++)
        {
            var device = devices[index];
            var downsampler = DeviceTrack.CreateDownsampler(device, options.FramesPerSecond, options.Downsampling);
            tracks.Add(new DeviceTrack(device, index, downsampler, Statistics.For(device.IdCode)));
            maximumDelay = Math.Max(maximumDelay, downsampler.DelayNanoseconds);
        }

        delayNanoseconds = maximumDelay;
        plans.Clear();
        lastPlan = null;
        held = new DataFrame(Layout.Config);
        hasHeld = new bool[devices.Count];
        pool.Clear();
        ResizeRing();
    }

    /// <summary>Adds a device, or replaces the description of one with the same IDCODE (a config change).</summary>
    public void UpdateDevice(DeviceSource device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var devices = Layout.Devices.ToList();
        var index = devices.FindIndex(d => d.IdCode == device.IdCode);
        if (index >= 0)
        {
            devices[index] = device;
        }
        else
        {
            devices.Add(device);
        }

        SetDevices(devices);
    }

    /// <summary>Takes one device's frame: PMU block <paramref name="pmu"/> of <paramref name="source"/>, received at <paramref name="arrivalNanoseconds"/> (local clock).</summary>
    public FrameDisposition Place(ushort idCode, DataFrame source, int pmu, long arrivalNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (tracks.Find(idCode) is not { } track)
        {
            Statistics.UnknownDeviceFrames++;
            return FrameDisposition.UnknownDevice;
        }

        var disposition = Route(track, source, pmu, arrivalNanoseconds);
        track.Counters.Count(disposition);
        return disposition;
    }

    private FrameDisposition Route(DeviceTrack track, DataFrame source, int pmu, long arrivalNanoseconds)
    {
        var time = source.Timestamp;
        PlaceTime(time, track);
        var inputIndex = placedIndex;
        if (Math.Abs(placedOffset) > toleranceNanoseconds)
        {
            return FrameDisposition.OffGrid;
        }

        var frameNanoseconds = placedNanoseconds;
        if (frameNanoseconds > arrivalNanoseconds + leadNanoseconds)
        {
            return FrameDisposition.TooEarly;
        }

        var badTime = time.TimeQuality.IsDegraded || new Stat(source.Stat[pmu]).SyncError;
        if (badTime && options.TimeQuality == TimeQualityPolicy.Reject)
        {
            return FrameDisposition.BadTimeQuality;
        }

        long outputIndex;
        DataFrame values;
        int valuesPmu;
        if (track.PassesThrough)
        {
            (outputIndex, values, valuesPmu) = (inputIndex, source, pmu);
        }
        else if (!track.Downsampler.Accept(inputIndex, source, pmu, out outputIndex, out values, out valuesPmu))
        {
            return FrameDisposition.Buffered;
        }

        var byArrival = badTime && options.TimeQuality == TimeQualityPolicy.SortByArrival && nextToPublish != long.MinValue;
        if (byArrival)
        {
            outputIndex = Math.Max(nextToPublish, Math.Min(outputIndex, newestIndex));
        }

        newestFrameNanoseconds = Math.Max(newestFrameNanoseconds, frameNanoseconds);
        return PlaceAt(track, outputIndex, values, valuesPmu, arrivalNanoseconds, byArrival);
    }

    /// <summary>Where a frame time falls on the device's input grid; the PMUs of one frame, and devices reporting one instant in turn, share the answer.</summary>
    private void PlaceTime(FrameTimestamp time, DeviceTrack track)
    {
        var timeBase = track.Source.TimeBase;
        if (time != placedTime || timeBase != placedTimeBase || track.InputGrid.FramesPerSecond != placedRate)
        {
            placedIndex = track.InputGrid.Nearest(time, timeBase, out placedOffset);
            placedNanoseconds = time.ToUnixNanoseconds(timeBase);
            (placedTime, placedTimeBase, placedRate) = (time, timeBase, track.InputGrid.FramesPerSecond);
        }
    }

    /// <summary>
    /// Takes every PMU block of <paramref name="source"/>, a multi-PMU frame (an upstream PDC's, or a capture's),
    /// received at <paramref name="arrivalNanoseconds"/>. A frame whose PMUs are consecutive devices at the output
    /// rate, on time, with good time quality and none already in, is placed as one block; any other is placed PMU by
    /// PMU, with the same outcome per device as <see cref="Place"/>. Returns how many PMU blocks were placed.
    /// </summary>
    public int PlaceFrame(DataFrame source, long arrivalNanoseconds)
    {
        ArgumentNullException.ThrowIfNull(source);
        var plan = PlanFor(source.Config);
        if (plan.IsBlock && TryPlaceBlock(plan, source, arrivalNanoseconds))
        {
            return plan.Tracks.Length;
        }

        var placed = 0;
        var pmus = source.Config.Pmus;
        for (var pmu = 0; pmu < pmus.Count; pmu++)
        {
            placed += Place(pmus[pmu].IdCode, source, pmu, arrivalNanoseconds) == FrameDisposition.Placed ? 1 : 0;
        }

        return placed;
    }

    private FrameBlockPlan PlanFor(ConfigFrame config)
    {
        if (lastPlan is { } last && last.Fits(config))
        {
            return last;
        }

        if (!plans.TryGetValue(config.IdCode, out var plan) || !plan.Fits(config))
        {
            plan = FrameBlockPlan.For(config, Layout, tracks);
            plans[config.IdCode] = plan;
        }

        lastPlan = plan;
        return plan;
    }

    /// <summary>Places the whole frame, or returns false before changing anything <see cref="Place"/> would not.</summary>
    private bool TryPlaceBlock(FrameBlockPlan plan, DataFrame source, long arrivalNanoseconds)
    {
        var time = source.Timestamp;
        PlaceTime(time, plan.Tracks[0]);
        var index = placedIndex;
        if (Math.Abs(placedOffset) > toleranceNanoseconds
            || placedNanoseconds > arrivalNanoseconds + leadNanoseconds
            || (options.TimeQuality != TimeQualityPolicy.Accept && (time.TimeQuality.IsDegraded || AnySyncError(source.Stat))))
        {
            return false;
        }

        var first = plan.FirstDevice;
        var count = plan.Tracks.Length;
        if (SlotToFill(index) is not { } slot || slot.Layout != Layout || slot.Arrived.AsSpan(first, count).Contains(true))
        {
            return false;
        }

        var values = slot.Values;
        source.Stat.CopyTo(values.Stat, first);
        source.Frequency.CopyTo(values.Frequency, first);
        source.Rocof.CopyTo(values.Rocof, first);
        source.Phasors.CopyTo(values.Phasors, values.PhasorStart[first]);
        source.Analogs.CopyTo(values.Analogs, values.AnalogStart[first]);
        source.Digitals.CopyTo(values.Digitals, values.DigitalStart[first]);
        foreach (var track in plan.Tracks)
        {
            track.Counters.Count(FrameDisposition.Placed);
        }

        MarkArrived(slot, first, count, arrivalNanoseconds);
        newestFrameNanoseconds = Math.Max(newestFrameNanoseconds, placedNanoseconds);
        return true;
    }

    private static bool AnySyncError(ushort[] stat)
    {
        foreach (var word in stat)
        {
            if (new Stat(word).SyncError)
            {
                return true;
            }
        }

        return false;
    }

    private FrameDisposition PlaceAt(DeviceTrack track, long index, DataFrame values, int valuesPmu, long arrivalNanoseconds, bool byArrival)
    {
        if (SlotToFill(index) is not { } slot)
        {
            return FrameDisposition.Late;
        }

        var device = slot.Layout == Layout ? track.Index : slot.Layout.IndexOf(track.Source.IdCode);
        if (device < 0 || !PmuValues.SameShape(values, valuesPmu, slot.Values, device))
        {
            return FrameDisposition.ShapeMismatch;
        }

        if (slot.Arrived[device])
        {
            return FrameDisposition.Duplicate;
        }

        PmuValues.Copy(values, valuesPmu, slot.Values, device);
        if (byArrival)
        {
            slot.Values.Stat[device] |= Stat.SortByArrivalBit;
        }

        MarkArrived(slot, device, 1, arrivalNanoseconds);
        return FrameDisposition.Placed;
    }

    /// <summary>
    /// The slot of output instant <paramref name="index"/>, publishing the ring's tail first when the instant lies
    /// beyond its reach (those instants are long past); null when the instant was already published.
    /// </summary>
    private AlignedFrame? SlotToFill(long index)
    {
        if (nextToPublish == long.MinValue)
        {
            nextToPublish = index;
        }

        if (index < nextToPublish)
        {
            return null;
        }

        while (index >= nextToPublish + reach)
        {
            PublishOrSkip(forced, clock.UtcNowNanoseconds);
        }

        return SlotFor(index);
    }

    /// <summary>Devices <paramref name="first"/> and the <paramref name="count"/> - 1 after it are in <paramref name="slot"/>, arrived at <paramref name="arrivalNanoseconds"/>.</summary>
    private void MarkArrived(AlignedFrame slot, int first, int count, long arrivalNanoseconds)
    {
        slot.Arrived.AsSpan(first, count).Fill(true);
        slot.ArrivalNanoseconds.AsSpan(first, count).Fill(arrivalNanoseconds);
        slot.ArrivedCount += count;
        slot.LastArrivalNanoseconds = Math.Max(slot.LastArrivalNanoseconds, arrivalNanoseconds);
        newestIndex = Math.Max(newestIndex, slot.ReportIndex);
    }

    /// <summary>
    /// Appends to <paramref name="ready"/>, in instant order, every slot that may be published now. The caller
    /// hands each frame on and gives it back with <see cref="Release"/>.
    /// </summary>
    public int CollectReady(ICollection<AlignedFrame> ready)
    {
        ArgumentNullException.ThrowIfNull(ready);
        var count = 0;
        foreach (var frame in forced)
        {
            ready.Add(frame);
            count++;
        }

        forced.Clear();

        if (nextToPublish == long.MinValue)
        {
            return count;
        }

        var now = clock.UtcNowNanoseconds;
        while (true)
        {
            var slot = ring[Slot(nextToPublish)];
            var hasSlot = slot is not null && slot.ReportIndex == nextToPublish;
            var expired = Expired(hasSlot ? slot!.DeadlineNanoseconds : Deadline(nextToPublish), now);
            if (hasSlot ? !(slot!.IsComplete || expired) : !(expired && nextToPublish < newestIndex))
            {
                return count;
            }

            PublishOrSkip(ready, now);
            count++;
        }
    }

    /// <summary>True when <see cref="CollectReady"/> would publish without waiting for a deadline: the oldest instant is complete.</summary>
    public bool HasCompleteInstant
    {
        get
        {
            if (forced.Count > 0)
            {
                return true;
            }

            if (nextToPublish == long.MinValue)
            {
                return false;
            }

            var slot = ring[Slot(nextToPublish)];
            return slot is not null && slot.ReportIndex == nextToPublish && slot.IsComplete;
        }
    }

    /// <summary>The local time at which the oldest pending instant's lag time runs out; null when nothing waits.</summary>
    public long? NextDeadlineNanoseconds =>
        nextToPublish != long.MinValue && nextToPublish <= newestIndex ? Deadline(nextToPublish) : null;

    /// <summary>Gives a published frame back for reuse.</summary>
    public void Release(AlignedFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Layout == Layout)
        {
            pool.Push(frame);
        }
    }

    private bool Expired(long deadline, long now) => options.WaitClock == WaitClock.Local
        ? now >= deadline
        : newestFrameNanoseconds >= deadline;

    private long Deadline(long index) => grid.ToUnixNanoseconds(index) + lagNanoseconds + delayNanoseconds;

    private void PublishOrSkip(ICollection<AlignedFrame> ready, long now)
    {
        var index = nextToPublish++;
        var slot = ring[Slot(index)];
        if (slot is null || slot.ReportIndex != index)
        {
            if (index >= newestIndex)
            {
                Statistics.SkippedInstants++;
                return;
            }

            slot = Rent(index);
            Statistics.PublishedEmpty++;
        }

        ring[Slot(index)] = null;
        Complete(slot, now);
        ready.Add(slot);
    }

    private void Complete(AlignedFrame frame, long now)
    {
        var values = frame.Values;
        var current = frame.Layout == Layout;
        var holdLast = options.MissingData == MissingDataPolicy.HoldLast && current;
        for (var d = 0; d < frame.Arrived.Length; d++)
        {
            if (frame.Arrived[d])
            {
                if (holdLast)
                {
                    PmuValues.Copy(values, d, held, d);
                    hasHeld[d] = true;
                }

                continue;
            }

            var counters = Statistics.For(frame.Layout.Devices[d].IdCode);
            counters.Missing++;
            if (holdLast && hasHeld[d])
            {
                PmuValues.Copy(held, d, values, d);
                values.Stat[d] |= Stat.DataModifiedBit;
                counters.Held++;
            }
            else
            {
                PmuValues.MarkMissing(values, d);
            }
        }

        frame.Reason = frame.IsComplete ? PublicationReason.AllArrived : PublicationReason.LagTimeExpired;
        frame.PublishedNanoseconds = now;
        Statistics.Published++;
        if (frame.IsComplete)
        {
            Statistics.PublishedComplete++;
        }

        if (now < frame.DeadlineNanoseconds)
        {
            Statistics.PublishedEarly++;
        }
        else if (!frame.IsComplete)
        {
            Statistics.PublishedAtTimeout++;
        }
    }

    private AlignedFrame SlotFor(long index)
    {
        var slot = ring[Slot(index)];
        if (slot is not null && slot.ReportIndex == index)
        {
            return slot;
        }

        slot = Rent(index);
        ring[Slot(index)] = slot;
        return slot;
    }

    private AlignedFrame Rent(long index)
    {
        var frame = pool.Count > 0 ? pool.Pop() : new AlignedFrame(Layout);
        var instant = grid.ToUnixNanoseconds(index);
        frame.Reset(index, instant, grid.ToTimestamp(index, options.TimeBase), instant + lagNanoseconds + delayNanoseconds);
        return frame;
    }

    // The ring's length is a power of two, so the slot is a mask, right for negative indexes too.
    private int Slot(long index) => (int)(index & (ring.Length - 1));

    /// <summary>Enough slots for every instant between the lead time ahead and the lag (and filter delay) behind.</summary>
    private void ResizeRing()
    {
        var span = options.LeadTime.TotalSeconds + options.LagTime.TotalSeconds + (delayNanoseconds / 1e9);
        reach = Math.Max(4, (int)Math.Ceiling(span * options.FramesPerSecond) + 2);
        var length = (int)BitOperations.RoundUpToPowerOf2((uint)reach);
        if (length == ring.Length)
        {
            return;
        }

        var old = ring;
        ring = new AlignedFrame?[length];
        foreach (var frame in old)
        {
            if (frame is not null)
            {
                ring[Slot(frame.ReportIndex)] = frame;
            }
        }
    }
}
