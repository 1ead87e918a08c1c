using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Alignment;

/// <summary>Builds devices, their frames and an alignment buffer on a manual clock.</summary>
internal sealed class AlignmentFixture
{
    /// <summary>2026-01-01T00:00:00Z, a whole second.</summary>
    public const long Epoch = 1_767_225_600L * 1_000_000_000;

    private readonly Dictionary<ushort, DataFrame> frames = [];
    private readonly Dictionary<ushort, int> rates = [];

    public AlignmentFixture(AlignmentOptions options, params (ushort IdCode, int Rate)[] devices)
    {
        Options = options;
        Clock = new ManualClock(Epoch);
        Buffer = new AlignmentBuffer(options, Clock);
        Sources = devices.Select(d => new DeviceSource(Pmu(d.IdCode), d.Rate, 1_000_000)).ToArray();
        Buffer.SetDevices(Sources);
        foreach (var source in Sources)
        {
            rates[source.IdCode] = source.FramesPerSecond;
            frames[source.IdCode] = new DataFrame(new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2011, source.IdCode, default, source.TimeBase, [source.Config], (short)source.FramesPerSecond));
        }
    }

    public AlignmentOptions Options { get; }

    public ManualClock Clock { get; }

    public AlignmentBuffer Buffer { get; }

    public IReadOnlyList<DeviceSource> Sources { get; }

    public List<AlignedFrame> Ready { get; } = new(1024);

    public static PmuConfig Pmu(ushort idCode, int phasors = 2) => new(
        $"PMU {idCode}",
        idCode,
        DataFormat.FloatPhasors | DataFormat.PolarPhasors | DataFormat.FloatFrequency | DataFormat.FloatAnalogs,
        Enumerable.Range(0, phasors).Select(i => new PhasorChannel($"V{i}", PhasorKind.Voltage, 1u)).ToArray(),
        [new AnalogChannel("MW", 1, 1)],
        [new DigitalWord(Enumerable.Range(0, 16).Select(b => $"B{b}").ToArray(), 0, 0xFFFF)],
        60,
        1);

    /// <summary>A value that identifies device and instant, so a test can tell where every number came from.</summary>
    public static float ValueOf(ushort idCode, long index) => (idCode * 1000f) + (index % 997);

    /// <summary>The local time of input instant <paramref name="index"/> at <paramref name="rate"/>, plus a delay.</summary>
    public static long TimeOf(long index, int rate, long delayNanoseconds = 0) => new ReportGrid(rate).ToUnixNanoseconds(index) + delayNanoseconds;

    /// <summary>Device <paramref name="idCode"/>'s frame for its instant <paramref name="index"/>, offset by <paramref name="jitterNanoseconds"/>.</summary>
    public DataFrame FrameFor(ushort idCode, long index, long jitterNanoseconds = 0, uint timeQuality = 0, ushort stat = 0)
    {
        var frame = frames[idCode];
        var rate = rates[idCode];
        var nanoseconds = TimeOf(index, rate, jitterNanoseconds);
        frame.Timestamp = FrameTimestamp.FromUnixNanoseconds(nanoseconds, 1_000_000, new TimeQuality((byte)timeQuality));
        var value = ValueOf(idCode, index);
        frame.Stat[0] = stat;
        frame.Frequency[0] = 60f + (value / 1e6f);
        frame.Rocof[0] = value / 1e3f;
        var phasors = frame.PhasorsOf(0);
        for (var i = 0; i < phasors.Length; i++)
        {
            phasors[i] = Phasor.FromPolar(value + i, 0.5f);
        }

        frame.Analogs[0] = value;
        frame.Digitals[0] = (ushort)(index & 0xFFFF);
        return frame;
    }

    /// <summary>Delivers device <paramref name="idCode"/>'s frame for <paramref name="index"/>, arriving now.</summary>
    public FrameDisposition Deliver(ushort idCode, long index, long jitterNanoseconds = 0, uint timeQuality = 0, ushort stat = 0) =>
        Buffer.Place(idCode, FrameFor(idCode, index, jitterNanoseconds, timeQuality, stat), 0, Clock.UtcNowNanoseconds);

    /// <summary>Publishes what is due now; returns the report indices published.</summary>
    public List<long> Collect()
    {
        Ready.Clear();
        Buffer.CollectReady(Ready);
        return Ready.Select(f => f.ReportIndex).ToList();
    }

    public void ReleaseAll()
    {
        foreach (var frame in Ready)
        {
            Buffer.Release(frame);
        }

        Ready.Clear();
    }
}
