using Pdc.Protocol;
using Pdc.Streaming.Alignment;

namespace Pdc.Streaming.Publishing;

/// <summary>
/// What an output stream derives from one concentrator layout: its config (the selected devices and channels,
/// renamed, in its format, IDCODE and rate, with its own CFGCNTs), where each of its values comes from in the
/// aligned frame, and the frames it answers commands with. Built on the rare layout change; <see cref="Fill"/>
/// runs per frame and allocates nothing.
/// </summary>
internal sealed class StreamProjection
{
    /// <summary>STAT bits 9-6 are reserved in C37.118-2005 (2011 gave them to "data modified" and time quality).</summary>
    private const ushort ReservedIn2005 = 0x03C0;

    private readonly int[] sourcePmu;
    private readonly int[] phasorSource;
    private readonly int[] analogSource;
    private readonly int[] digitalSource;
    private readonly bool[] changed;
    private readonly ushort statMask;

    public StreamProjection(OutputLayout layout, OutputStreamOptions options, ConfigChangeCounts counts, StreamProjection? previous)
    {
        Layout = layout;
        var problems = new List<string>();
        var source = layout.Config;
        var starts = Starts(source);
        var blocks = new List<PmuConfig>();
        var pmus = new List<int>();
        List<int> phasors = [], analogs = [], digitals = [];
        foreach (var (index, device) in Select(layout, options, problems))
        {
            var pmu = source.Pmus[index];
            var keep = device is { Channels.Count: > 0 } ? device.Channels.Select(c => c.Trim()).ToHashSet(StringComparer.Ordinal) : null;
            var phasorIndexes = Kept(pmu.Phasors.Select(p => p.Name), keep);
            var analogIndexes = Kept(pmu.Analogs.Select(a => a.Name), keep);
            var digitalIndexes = Enumerable.Range(0, pmu.Digitals.Count).Where(i => keep is null || pmu.Digitals[i].Labels.Any(l => keep.Contains(l.Trim()))).ToArray();
            ReportMissingChannels(pmu, keep, problems);

            var output = pmu with { StationName = device?.StationName ?? pmu.StationName, Format = OutputFormat.Apply(pmu.Format, options) };
            blocks.Add(output with
            {
                Phasors = phasorIndexes.Select(i => OutputFormat.Phasor(pmu.Phasors[i], pmu, output, options)).ToArray(),
                Analogs = analogIndexes.Select(i => OutputFormat.Analog(pmu.Analogs[i], pmu, output)).ToArray(),
                Digitals = digitalIndexes.Select(i => pmu.Digitals[i]).ToArray(),
            });
            pmus.Add(index);
            phasors.AddRange(phasorIndexes.Select(i => starts.Phasor[index] + i));
            analogs.AddRange(analogIndexes.Select(i => starts.Analog[index] + i));
            digitals.AddRange(digitalIndexes.Select(i => starts.Digital[index] + i));
        }

        var configured = blocks.ToArray();
        changed = counts.Assign(configured, previous?.Config.Pmus);
        sourcePmu = [.. pmus];
        phasorSource = [.. phasors];
        analogSource = [.. analogs];
        digitalSource = [.. digitals];
        statMask = options.Version == ProtocolVersion.Ieee2005 ? unchecked((ushort)~ReservedIn2005) : ushort.MaxValue;

        var sourceRate = Math.Max((int)source.DataRate, 1);
        var rate = options.FramesPerSecond == 0 ? sourceRate : options.FramesPerSecond;
        Decimation = rate <= sourceRate && sourceRate % rate == 0 ? sourceRate / rate : 0;
        if (Decimation == 0)
        {
            problems.Add($"FramesPerSecond {rate} does not divide the concentrator's {sourceRate} frames/s: nothing is sent.");
        }

        Config = new ConfigFrame(FrameType.Config2, options.Version, options.IdCode, default, source.TimeBase, configured, (short)rate);
        if (Config.DataFrameSize > ushort.MaxValue)
        {
            problems.Add($"A data frame would take {Config.DataFrameSize} bytes, over C37.118's 65535: select fewer devices or channels. Nothing is sent.");
            Decimation = 0;
        }

        Values = new DataFrame(Config);
        Frames = new ControlFrames(Config, options, problems);
        IsChange = changed.Contains(true);
        Problems = problems;
    }

    public OutputLayout Layout { get; }

    /// <summary>The stream's CFG-2 (its CFG-1 and CFG-3 differ only in type).</summary>
    public ConfigFrame Config { get; }

    /// <summary>The stream takes aligned frames whose report index is a multiple of this; 0 when it can send nothing.</summary>
    public int Decimation { get; }

    /// <summary>The stream's data frame, refilled for every frame it sends.</summary>
    public DataFrame Values { get; }

    public ControlFrames Frames { get; }

    /// <summary>True when some block's CFGCNT moved against the previous projection.</summary>
    public bool IsChange { get; }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>Copies the selected values of <paramref name="source"/> into <see cref="Values"/>, marking changed blocks' STAT when asked.</summary>
    public void Fill(DataFrame source, bool flagConfigChange)
    {
        var target = Values;
        target.Timestamp = source.Timestamp;
        for (var o = 0; o < sourcePmu.Length; o++)
        {
            var s = sourcePmu[o];
            var stat = (ushort)(source.Stat[s] & statMask);
            target.Stat[o] = flagConfigChange && changed[o] ? (ushort)(stat | Stat.ConfigChangeBit) : stat;
            target.Frequency[o] = source.Frequency[s];
            target.Rocof[o] = source.Rocof[s];
        }

        Gather(source.Phasors, target.Phasors, phasorSource);
        Gather(source.Analogs, target.Analogs, analogSource);
        Gather(source.Digitals, target.Digitals, digitalSource);
    }

    private static void Gather<T>(T[] source, T[] target, int[] from)
    {
        for (var i = 0; i < from.Length; i++)
        {
            target[i] = source[from[i]];
        }
    }

    /// <summary>The aligned devices this stream carries, as (PMU index in the layout, their options or null for all).</summary>
    private static IEnumerable<(int Index, OutputDeviceOptions? Device)> Select(OutputLayout layout, OutputStreamOptions options, List<string> problems)
    {
        if (options.Devices.Count == 0)
        {
            return Enumerable.Range(0, layout.Devices.Count).Select(i => (i, (OutputDeviceOptions?)null));
        }

        foreach (var device in options.Devices.Where(d => layout.IndexOf(d.IdCode) < 0))
        {
            problems.Add($"Device {device.IdCode} is not aligned by the concentrator (not configured, or not connected yet).");
        }

        return options.Devices.Where(d => layout.IndexOf(d.IdCode) >= 0).Select(d => (layout.IndexOf(d.IdCode), (OutputDeviceOptions?)d));
    }

    private static int[] Kept(IEnumerable<string> names, HashSet<string>? keep) =>
        names.Select((name, i) => (name, i)).Where(c => keep is null || keep.Contains(c.name.Trim())).Select(c => c.i).ToArray();

    private static void ReportMissingChannels(PmuConfig pmu, HashSet<string>? keep, List<string> problems)
    {
        if (keep is null)
        {
            return;
        }

        var known = pmu.Phasors.Select(p => p.Name).Concat(pmu.Analogs.Select(a => a.Name)).Concat(pmu.Digitals.SelectMany(d => d.Labels)).Select(n => n.Trim());
        foreach (var name in keep.Except(known))
        {
            problems.Add($"Device {pmu.IdCode} ({pmu.StationName}) has no channel \"{name}\".");
        }
    }

    /// <summary>Where each PMU's phasors, analogs and digitals start in an aligned frame's flat arrays.</summary>
    private static (int[] Phasor, int[] Analog, int[] Digital) Starts(ConfigFrame config)
    {
        var count = config.Pmus.Count;
        int[] phasor = new int[count], analog = new int[count], digital = new int[count];
        for (var i = 1; i < count; i++)
        {
            var before = config.Pmus[i - 1];
            phasor[i] = phasor[i - 1] + before.Phasors.Count;
            analog[i] = analog[i - 1] + before.Analogs.Count;
            digital[i] = digital[i - 1] + before.Digitals.Count;
        }

        return (phasor, analog, digital);
    }
}
