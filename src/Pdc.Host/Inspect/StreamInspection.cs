using Pdc.Capture;
using Pdc.Protocol;

namespace Pdc.Host.Inspect;

/// <summary>What <c>pdc inspect</c> learned about one flow (one direction of a TCP or UDP conversation).</summary>
internal sealed class StreamInspection
{
    private readonly Dictionary<CommandCode, long> commands = [];
    private readonly SortedSet<ushort> idCodes = [];
    private readonly SortedSet<byte> versions = [];
    private readonly CaptureFlow flow;

    public StreamInspection(CaptureFlow flow)
    {
        this.flow = flow;
    }

    public FlowKey Flow => flow.Key;

    public StreamDecoder Decoder => flow.Decoder;

    public ReportIndexTracker Reports { get; } = new();

    public long DataFrames { get; private set; }

    public long HeaderFrames { get; private set; }

    public long Config1Frames { get; private set; }

    public long Config2Frames { get; private set; }

    public long Config3Frames { get; private set; }

    public long CommandFrames { get; private set; }

    /// <summary>Data frames whose FRACSEC time-quality code, or a PMU's STAT sync/unlocked bits, report a clock problem.</summary>
    public long TimeQualityProblems { get; private set; }

    /// <summary>Bytes lost from the flow in the capture itself (TCP segments never captured).</summary>
    public long LostBytes => flow.LostBytes;

    /// <summary>Bytes of frames the capture cut short.</summary>
    public long TruncatedBytes => flow.TruncatedBytes;

    public FrameTimestamp? First { get; private set; }

    public FrameTimestamp? Last { get; private set; }

    public long? FirstPacketNanoseconds { get; private set; }

    public long? LastPacketNanoseconds { get; private set; }

    /// <summary>The config data frames were decoded against, the last one seen.</summary>
    public ConfigFrame? Config { get; private set; }

    public IReadOnlyDictionary<CommandCode, long> Commands => commands;

    public IReadOnlyCollection<ushort> IdCodes => idCodes;

    public IReadOnlyCollection<byte> Versions => versions;

    public long TotalFrames => DataFrames + HeaderFrames + Config1Frames + Config2Frames + Config3Frames + CommandFrames;

    public void RecordPacketTime(long? nanoseconds)
    {
        if (nanoseconds is { } ns)
        {
            FirstPacketNanoseconds ??= ns;
            LastPacketNanoseconds = ns;
        }
    }

    /// <summary>A frame with a good CRC that could not be decoded still tells whose stream this is.</summary>
    public void RecordRefused(FrameHeader header)
    {
        idCodes.Add(header.IdCode);
        versions.Add(header.Version);
    }

    public void Record(in DecodedFrame frame)
    {
        var header = frame.FrameHeader;
        RecordRefused(header);
        switch (header.Type)
        {
            case FrameType.Data:
                DataFrames++;
                RecordData(frame.Data!);
                break;
            case FrameType.Header:
                HeaderFrames++;
                break;
            case FrameType.Config1:
                Config1Frames++;
                break;
            case FrameType.Config2:
                Config2Frames++;
                Config = frame.Config;
                break;
            case FrameType.Config3:
                Config3Frames++;
                Config = frame.Config ?? Config;
                break;
            case FrameType.Command:
                commands[frame.Command!.Command] = commands.GetValueOrDefault(frame.Command.Command) + 1;
                CommandFrames++;
                break;
        }
    }

    private void RecordData(DataFrame data)
    {
        var config = data.Config;
        Config ??= config;
        var time = data.Timestamp;
        First ??= time;
        Last = time;

        var clockProblem = time.TimeQuality.IsDegraded;
        foreach (var stat in data.Stat)
        {
            clockProblem |= new Stat(stat).SyncError || new Stat(stat).UnlockedTime != 0;
        }

        if (clockProblem)
        {
            TimeQualityProblems++;
        }

        if (config.FramesPerSecond > 0)
        {
            Reports.Add(ReportIndex(time, config));
        }
    }

    /// <summary>The frame time in reporting periods since the epoch, rounded to the nearest report instant.</summary>
    private static long ReportIndex(FrameTimestamp time, ConfigFrame config) =>
        (long)Math.Round(((double)time.Soc + ((double)time.FractionOfSecond / config.TimeBase)) * config.FramesPerSecond);
}
