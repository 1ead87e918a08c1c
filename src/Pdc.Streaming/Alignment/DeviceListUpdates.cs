namespace Pdc.Streaming.Alignment;

/// <summary>
/// Hands the concentrator its device list when inputs change, at most once per interval: a change after a quiet
/// spell is applied at once, and the changes of a storm (thousands of PMUs connecting at start) are gathered
/// into one update at the end of each interval, rather than one layout rebuilt per PMU. Until its update, a
/// new device's frames are counted as from an unknown device.
/// </summary>
public sealed class DeviceListUpdates : IDisposable
{
    private readonly Func<IReadOnlyList<DeviceSource>> currentDevices;
    private readonly Action<IReadOnlyList<DeviceSource>> apply;
    private readonly Action<Exception>? onError;
    private readonly TimeSpan interval;
    private readonly TimeProvider time;
    private readonly Lock gate = new();
    private readonly Lock applying = new();
    private long? lastApplied;

    // Updates handed over or waiting to be: a request meanwhile is gathered into the next one.
    private int building;
    private ITimer? pending;
    private bool disposed;

    /// <param name="currentDevices">Builds the whole device list as it is now.</param>
    /// <param name="apply">Gives it to the concentrator; called under a lock, one call at a time.</param>
    /// <param name="onError">Told when building or applying a list threw: the update is dropped, and nothing is thrown
    /// on the timer's thread or back into the input that asked.</param>
    public DeviceListUpdates(Func<IReadOnlyList<DeviceSource>> currentDevices, Action<IReadOnlyList<DeviceSource>> apply, TimeSpan interval, Action<Exception>? onError = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(currentDevices);
        ArgumentNullException.ThrowIfNull(apply);
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.Zero);
        this.currentDevices = currentDevices;
        this.apply = apply;
        this.interval = interval;
        this.onError = onError;
        this.time = time ?? TimeProvider.System;
    }

    /// <summary>How many times the list was handed over.</summary>
    public long Updates { get; private set; }

    /// <summary>How many of those updates threw and were dropped.</summary>
    public long Failures { get; private set; }

    /// <summary>Says that some input's devices changed.</summary>
    /// <param name="immediately">Apply now whatever the interval: a known device's config changed, and its frames in
    /// the new config should not meet the old layout. Storms are of inputs appearing, which can wait.</param>
    public void Request(bool immediately = false)
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            if (!immediately)
            {
                if (pending is not null)
                {
                    // The update already due will see this change too.
                    return;
                }

                var since = lastApplied is { } last ? time.GetElapsedTime(last) : interval;
                if (building > 0 || since < interval)
                {
                    // An update is being built, or one was applied a moment ago: this change goes with the next one,
                    // which the timer asks for as due now.
                    pending = time.CreateTimer(_ => Request(immediately: true), null, since < interval ? interval - since : interval, Timeout.InfiniteTimeSpan);
                    return;
                }
            }

            pending?.Dispose();
            pending = null;
            lastApplied = time.GetTimestamp();
            building++;
        }

        ApplyNow();
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
            pending?.Dispose();
            pending = null;
        }
    }

    /// <summary>
    /// One update at a time, outside the request lock: an input that reports a change while a storm's update is
    /// being built (a read loop, with inline socket completions an epoll thread) only schedules it. Only a request
    /// made immediately (a changed config of a device already aligned, whose frames would be refused until it is
    /// applied) waits here for the update being built.
    /// </summary>
    private void ApplyNow()
    {
        lock (applying)
        {
            Updates++;
            try
            {
                apply(currentDevices());
            }
            catch (Exception e)
            {
                Failures++;
                onError?.Invoke(e);
            }
        }

        lock (gate)
        {
            building--;
        }
    }
}
