using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing.Support;

/// <summary>
/// A concentrator of three devices in three formats (NORTH float polar with PHUNITs, EAST integer rectangular, SOUTH
/// float rectangular without PHUNITs) on a manual clock, driven one report instant at a time: every device's frame
/// is placed, the aligned frame is handed to the outputs, and a copy of its values is kept to check against.
/// </summary>
internal sealed class PublishingFixture
{
    /// <summary>2026-01-01T00:00:00Z, a whole second.</summary>
    public const long Epoch = 1_767_225_600L * 1_000_000_000;

    /// <summary>Last arrival to publication when every device reports: the ready latency of a complete frame.</summary>
    public const long PublishDelayNanoseconds = 1_000_000;

    private const long ArrivalDelayNanoseconds = 2_000_000;
    private const float PhaseVolts = 132_790f;
    private const float LineAmperes = 500f;

    private readonly Dictionary<ushort, DataFrame> deviceFrames = [];
    private readonly List<AlignedFrame> ready = [];
    private readonly ReportGrid grid;
    private readonly int missingEvery;

    public PublishingFixture(int framesPerSecond = 30, int missingEvery = 0)
    {
        this.missingEvery = missingEvery;
        grid = new ReportGrid(framesPerSecond);
        Options = new AlignmentOptions { IdCode = 1, FramesPerSecond = framesPerSecond, LagTime = TimeSpan.FromMilliseconds(20) };
        Clock = new ManualClock(Epoch);
        Buffer = new AlignmentBuffer(Options, Clock);
        Buffer.SetDevices([DeviceAt(North()), DeviceAt(East()), DeviceAt(South())]);
        NextIndex = (Epoch / 1_000_000_000) * framesPerSecond;
    }

    public const ushort NorthId = 11;
    public const ushort EastId = 12;
    public const ushort SouthId = 13;

    public AlignmentOptions Options { get; }

    public ManualClock Clock { get; }

    public AlignmentBuffer Buffer { get; }

    public OutputLayout Layout => Buffer.Layout;

    public long NextIndex { get; private set; }

    /// <summary>Whether <see cref="Published"/> keeps a copy of every frame (long runs may not need them).</summary>
    public bool KeepCopies { get; set; } = true;

    /// <summary>Every aligned frame handed out so far, copied.</summary>
    public List<AlignedSnapshot> Published { get; } = [];

    public static PmuConfig North() => new(
        "NORTH",
        NorthId,
        DataFormat.FloatPhasors | DataFormat.PolarPhasors | DataFormat.FloatFrequency | DataFormat.FloatAnalogs,
        [Voltage("VA", 915_527), Voltage("VB", 915_527), Voltage("VC", 915_527), Current("IA", 45_776)],
        [new AnalogChannel("MW", 1, 1), new AnalogChannel("MVAR", 1, 1)],
        [Word("N-BRK")],
        60,
        3);

    public static PmuConfig East() => new(
        "EAST",
        EastId,
        DataFormat.None,
        [Voltage("VA", 500_000), Current("IA", 10_000)],
        [new AnalogChannel("MW", 1, 1)],
        [Word("E-BRK"), Word("E-ALM")],
        60,
        7);

    public static PmuConfig South() => new(
        "SOUTH",
        SouthId,
        DataFormat.FloatPhasors | DataFormat.FloatFrequency | DataFormat.FloatAnalogs,
        [Voltage("V1", 0), Current("I1", 0)],
        [new AnalogChannel("HZ-AUX", 1, 1)],
        [],
        60,
        0);

    /// <summary>A device reporting at the concentrator's rate.</summary>
    public DeviceSource DeviceAt(PmuConfig pmu) => new(pmu, grid.FramesPerSecond, 1_000_000);

    /// <summary>Replaces a device's description (a config change at its source): the layout's generation moves.</summary>
    public void Reconfigure(PmuConfig pmu)
    {
        Buffer.UpdateDevice(DeviceAt(pmu));
        deviceFrames.Remove(pmu.IdCode);
    }

    /// <summary>Aligns the next report instant, hands the frame to <paramref name="outputs"/> and keeps a copy of it.</summary>
    public void Step(params IAlignedFrameConsumer[] outputs)
    {
        var index = NextIndex++;
        var instant = grid.ToUnixNanoseconds(index);
        Clock.Set(Math.Max(Clock.UtcNowNanoseconds, instant + ArrivalDelayNanoseconds));
        var missing = false;
        foreach (var device in Layout.Devices)
        {
            if (missingEvery > 0 && device.IdCode == SouthId && index % missingEvery == 0)
            {
                missing = true;
                continue;
            }

            var disposition = Buffer.Place(device.IdCode, FrameFor(device, index), 0, Clock.UtcNowNanoseconds);
            Assert.Equal(FrameDisposition.Placed, disposition);
        }

        Clock.Set(missing ? instant + (long)(Options.LagTime.Ticks * 100) + 1 : Clock.UtcNowNanoseconds + PublishDelayNanoseconds);
        ready.Clear();
        Buffer.CollectReady(ready);
        var frame = Assert.Single(ready);
        Assert.Equal(index, frame.ReportIndex);
        foreach (var output in outputs)
        {
            output.Publish(frame);
        }

        if (KeepCopies)
        {
            Published.Add(new AlignedSnapshot(frame.ReportIndex, frame.PublishedNanoseconds, Copy.Of(frame.Values)));
        }

        Buffer.Release(frame);
    }

    /// <summary>Aligns <paramref name="count"/> instants, each handed to <paramref name="outputs"/>.</summary>
    public void Run(int count, params IAlignedFrameConsumer[] outputs)
    {
        for (var i = 0; i < count; i++)
        {
            Step(outputs);
        }
    }

    /// <summary>Values that tell device, channel and instant apart, within every format's range.</summary>
    private DataFrame FrameFor(DeviceSource device, long index)
    {
        if (!deviceFrames.TryGetValue(device.IdCode, out var frame))
        {
            frame = new DataFrame(new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2011, device.IdCode, default, device.TimeBase, [device.Config], (short)device.FramesPerSecond));
            deviceFrames[device.IdCode] = frame;
        }

        frame.Timestamp = grid.ToTimestamp(index, device.TimeBase);
        var n = (int)(index % 997);
        frame.Stat[0] = (ushort)((n % 3) << 6);
        frame.Frequency[0] = 60f + (0.001f * ((n % 200) - 100)) + (device.IdCode * 1e-4f);
        frame.Rocof[0] = 0.01f * ((n % 40) - 20);
        var phasors = frame.PhasorsOf(0);
        for (var i = 0; i < phasors.Length; i++)
        {
            var nominal = device.Config.Phasors[i].Kind == PhasorKind.Voltage ? PhaseVolts : LineAmperes;
            var magnitude = nominal * (1f + (0.001f * ((n + (7 * i) + device.IdCode) % 50)));
            var angle = MathF.IEEERemainder((0.1f * n) + (2.0944f * i) + device.IdCode, 2 * MathF.PI);
            phasors[i] = device.Config.PolarPhasors
                ? Phasor.FromPolar(magnitude, angle)
                : Phasor.FromRectangular(magnitude * MathF.Cos(angle), magnitude * MathF.Sin(angle));
        }

        var analogs = frame.AnalogsOf(0);
        for (var i = 0; i < analogs.Length; i++)
        {
            analogs[i] = 100.25f + (n % 100) - (17 * i) + device.IdCode;
        }

        var digitals = frame.DigitalsOf(0);
        for (var i = 0; i < digitals.Length; i++)
        {
            digitals[i] = (ushort)((n * 7) + (i * 1000) + device.IdCode);
        }

        return frame;
    }

    private static PhasorChannel Voltage(string name, uint phunit) => new(name, PhasorKind.Voltage, phunit);

    private static PhasorChannel Current(string name, uint phunit) => new(name, PhasorKind.Current, phunit);

    private static DigitalWord Word(string prefix) => new(Enumerable.Range(0, 16).Select(b => $"{prefix}{b}").ToArray(), 0, 0xFFFF);
}
