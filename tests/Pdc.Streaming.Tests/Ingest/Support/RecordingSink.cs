using Pdc.Protocol;
using Pdc.Streaming.Ingest;

namespace Pdc.Streaming.Tests.Ingest.Support;

/// <summary>One PMU's values of a delivered frame, copied out of the reused frame.</summary>
internal sealed record Delivery(ushort IdCode, FrameTimestamp Timestamp, ushort Stat, float Frequency, float Rocof, Phasor[] Phasors, float[] Analogs, ushort[] Digitals, long Arrival);

/// <summary>
/// Keeps a copy of every delivery, as a real sink would keep what it needs, and checks each frame made by
/// <see cref="TestStreams"/> against the values its report index implies: a misdecoded frame is recorded.
/// </summary>
internal sealed class RecordingSink : IFrameSink
{
    private readonly Lock gate = new();
    private readonly List<Delivery> deliveries = [];
    private readonly List<string> misdecoded = [];
    private int devicesChanged;

    /// <summary>Check values against <see cref="TestStreams"/> (off for captures, whose values are the device's own).</summary>
    public bool CheckTestValues { get; init; } = true;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return deliveries.Count;
            }
        }
    }

    public int DevicesChanged => Volatile.Read(ref devicesChanged);

    public IReadOnlyList<Delivery> Deliveries
    {
        get
        {
            lock (gate)
            {
                return [.. deliveries];
            }
        }
    }

    public IReadOnlyList<string> Misdecoded
    {
        get
        {
            lock (gate)
            {
                return [.. misdecoded];
            }
        }
    }

    public int CountOf(ushort idCode)
    {
        lock (gate)
        {
            return deliveries.Count(d => d.IdCode == idCode);
        }
    }

    public void OnDataFrame(InputDevice device, DataFrame frame, long arrivalNanoseconds)
    {
        var pmu = device.PmuIndex;
        var delivery = new Delivery(
            device.IdCode,
            frame.Timestamp,
            frame.Stat[pmu],
            frame.Frequency[pmu],
            frame.Rocof[pmu],
            frame.PhasorsOf(pmu).ToArray(),
            frame.AnalogsOf(pmu).ToArray(),
            frame.DigitalsOf(pmu).ToArray(),
            arrivalNanoseconds);
        var problem = CheckTestValues ? Check(device, frame, delivery) : null;
        lock (gate)
        {
            deliveries.Add(delivery);
            if (problem is not null)
            {
                misdecoded.Add(problem);
            }
        }
    }

    public void OnDevicesChanged(Input input) => Interlocked.Increment(ref devicesChanged);

    private static string? Check(InputDevice device, DataFrame frame, Delivery delivery)
    {
        var index = ReportSequence.IndexOf(frame.Timestamp, frame.Config);
        if (device.Config.IdCode != frame.Config.Pmus[device.PmuIndex].IdCode)
        {
            return $"{device} is not PMU {device.PmuIndex} of the frame's config";
        }

        for (var i = 0; i < delivery.Phasors.Length; i++)
        {
            if (delivery.Phasors[i].Magnitude != TestStreams.Magnitude(index, device.PmuIndex, i) || delivery.Phasors[i].Angle != 0.25f * i)
            {
                return $"{device} report {index}: phasor {i} is {delivery.Phasors[i]}";
            }
        }

        return delivery.Frequency == TestStreams.Frequency(index) && delivery.Digitals[0] == (ushort)index
            ? null
            : $"{device} report {index}: FREQ {delivery.Frequency}, digital {delivery.Digitals[0]}";
    }
}
