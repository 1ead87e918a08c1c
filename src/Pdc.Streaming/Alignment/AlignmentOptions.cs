using Pdc.Protocol;

namespace Pdc.Streaming.Alignment;

/// <summary>Settings of one concentrator's time alignment. Defaults suit a 30 frames/s regional PDC.</summary>
public sealed class AlignmentOptions
{
    /// <summary>IDCODE of the concentrated output stream.</summary>
    public ushort IdCode { get; set; } = 1;

    /// <summary>Output frames per second (whole numbers: 1 to 240).</summary>
    public int FramesPerSecond { get; set; } = 30;

    /// <summary>TIME_BASE of the output timestamps.</summary>
    public uint TimeBase { get; set; } = 1_000_000;

    /// <summary>How long, past a report instant, to wait for devices that have not reported.</summary>
    public TimeSpan LagTime { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Frames stamped further than this ahead of the local clock are refused (a device with a wrong clock).</summary>
    public TimeSpan LeadTime { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far a device's timestamp may sit from its exact report instant and still be snapped onto it.</summary>
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMilliseconds(2);

    public WaitClock WaitClock { get; set; } = WaitClock.Local;

    public MissingDataPolicy MissingData { get; set; } = MissingDataPolicy.MarkInvalid;

    public TimeQualityPolicy TimeQuality { get; set; } = TimeQualityPolicy.Accept;

    public DownsamplingMethod Downsampling { get; set; } = DownsamplingMethod.Fir;

    /// <summary>
    /// Threads that hand each aligned frame to the output streams (and analysis) at once, each serving its share of
    /// them, so that one stream's socket sends do not wait behind another's: for a many-core server with many
    /// streams and subscribers. Default 1: on two cores, waking a second thread for every instant cost more in the
    /// latency's tail than the sends it took over (measured with the load tool).
    /// </summary>
    public int PublicationThreads { get; set; } = 1;

    /// <summary>C37.118 version of the output config.</summary>
    public ProtocolVersion Version { get; set; } = ProtocolVersion.Ieee2011;

    /// <summary>Messages naming each bad setting and what is expected; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (FramesPerSecond is < 1 or > 240)
        {
            errors.Add($"FramesPerSecond is {FramesPerSecond}: expected a whole number of frames per second from 1 to 240.");
        }

        if (TimeBase is 0 or > 0x00FF_FFFF)
        {
            errors.Add($"TimeBase is {TimeBase}: expected 1 to 16777215 (1000000 is usual).");
        }

        if (LagTime <= TimeSpan.Zero || LagTime > TimeSpan.FromSeconds(60))
        {
            errors.Add($"LagTime is {LagTime}: expected more than 0 and at most 60 s (a few frame periods is usual).");
        }

        if (LeadTime <= TimeSpan.Zero || LeadTime > TimeSpan.FromSeconds(60))
        {
            errors.Add($"LeadTime is {LeadTime}: expected more than 0 and at most 60 s.");
        }

        if (FramesPerSecond > 0 && (TimestampTolerance < TimeSpan.Zero || TimestampTolerance.TotalSeconds >= 0.5 / FramesPerSecond))
        {
            errors.Add($"TimestampTolerance is {TimestampTolerance}: expected at least 0 and under half an output period.");
        }

        if (PublicationThreads is < 1 or > 64)
        {
            errors.Add($"PublicationThreads is {PublicationThreads}: expected 1 to 64 (one per core, up to the number of output streams, is usual).");
        }

        return errors;
    }
}
