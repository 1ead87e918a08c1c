using System.Diagnostics;

namespace Pdc.Replay.Serving;

/// <summary>
/// The clock every stream of a served capture shares, so that they keep the timing they had between them: it
/// starts when the first client anywhere turns transmission on, and maps a stream's frame positions (which run on
/// across loops) to when they are due and to how far their timestamps shift when restamped. Restamping moves
/// time by whole report periods of every stream, so restamped frames stay on their report grid.
/// </summary>
internal sealed class ReplayTimeline
{
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly Lock gate = new();
    private readonly long captureStart;
    private readonly long firstFrameTime;
    private readonly int gridRate;
    private readonly long loopGridInstants;
    private readonly double ticksPerCaptureNanosecond;
    private readonly bool loop;
    private readonly bool restamp;
    private long startTicks;
    private long startShift;
    private volatile bool started;

    /// <param name="speed">How many times faster than captured; <see cref="double.PositiveInfinity"/> for as fast as each client reads.</param>
    public ReplayTimeline(IReadOnlyList<CapturedStream> streams, double speed, bool loop, bool restamp)
    {
        IsPaced = !double.IsPositiveInfinity(speed);
        this.loop = loop;
        this.restamp = restamp;
        captureStart = streams.Min(s => s.PacketTime(0));
        firstFrameTime = streams.Min(s => s.FirstFrameTime);
        var rates = streams.SelectMany(s => s.Configs).Select(c => (int)c.DataRate).Where(r => r > 0).Distinct().ToList();
        gridRate = rates.Count == 0 ? 1 : rates.Aggregate(GreatestCommonDivisor);
        var period = NanosecondsPerSecond / (rates.Count == 0 ? 1 : rates.Max());
        var span = Math.Max(
            streams.Max(s => s.PacketTime(s.FrameCount - 1)) - captureStart,
            streams.Max(s => s.LastFrameTime) - firstFrameTime);
        loopGridInstants = (long)Math.Ceiling((span + period) / (double)NanosecondsPerSecond * gridRate);
        ticksPerCaptureNanosecond = Stopwatch.Frequency / (double)NanosecondsPerSecond / speed;
    }

    /// <summary>False when frames go as fast as each client reads them.</summary>
    public bool IsPaced { get; }

    /// <summary>Starts the clock (the first "turn on" does); later calls change nothing.</summary>
    public void Start()
    {
        lock (gate)
        {
            if (started)
            {
                return;
            }

            startTicks = Stopwatch.GetTimestamp();
            startShift = restamp ? GridShift(WallClockNanoseconds(), firstFrameTime) : 0;
            started = true;
        }
    }

    /// <summary>The positions of a stream's frames: 0 to FrameCount - 1, then on through later loops; the end, without looping.</summary>
    public long End(CapturedStream stream) => loop ? long.MaxValue : stream.FrameCount;

    /// <summary>The first position of <paramref name="stream"/> due at or after <paramref name="ticks"/> (a Stopwatch timestamp).</summary>
    public long PositionAtOrAfter(CapturedStream stream, long ticks)
    {
        var elapsed = (long)((ticks - startTicks) / ticksPerCaptureNanosecond);
        var pass = loop ? Math.Max(0, elapsed / LoopNanoseconds(1)) : 0;

        // Loop spans are rounded to the nanosecond, so the quotient may be one off at a boundary.
        if (pass > 0 && LoopNanoseconds(pass) > elapsed)
        {
            pass--;
        }
        else if (loop && LoopNanoseconds(pass + 1) <= elapsed)
        {
            pass++;
        }

        return (pass * stream.FrameCount) + stream.IndexAtOrAfter(captureStart + elapsed - LoopNanoseconds(pass));
    }

    /// <summary>When the frame at <paramref name="position"/> is due, as a Stopwatch timestamp.</summary>
    public long DueTicks(CapturedStream stream, long position)
    {
        var (pass, index) = Math.DivRem(position, stream.FrameCount);
        var offset = LoopNanoseconds(pass) + stream.PacketTime((int)index) - captureStart;
        return startTicks + (long)(offset * ticksPerCaptureNanosecond);
    }

    /// <summary>
    /// How far the timestamps of frames in pass <paramref name="pass"/> through the capture (0 first) move: none
    /// without restamping. Before the clock starts (a config asked for before "turn on") the shift is the one that
    /// starting now would give.
    /// </summary>
    public long ShiftFor(long pass)
    {
        if (!restamp)
        {
            return 0;
        }

        var shift = started ? startShift : GridShift(WallClockNanoseconds(), firstFrameTime);
        return shift + LoopNanoseconds(pass);
    }

    private static long WallClockNanoseconds() => (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;

    private static int GreatestCommonDivisor(int a, int b) => b == 0 ? a : GreatestCommonDivisor(b, a % b);

    /// <summary>The span of <paramref name="passes"/> whole passes through the capture, in nanoseconds: whole report periods of every stream.</summary>
    private long LoopNanoseconds(long passes)
    {
        var instants = passes * loopGridInstants;
        return (instants / gridRate * NanosecondsPerSecond) + (long)Math.Round(instants % gridRate * NanosecondsPerSecond / (double)gridRate);
    }

    /// <summary>The shift, in whole report periods, that brings <paramref name="frameTime"/> to the last report instant at or before <paramref name="now"/>.</summary>
    private long GridShift(long now, long frameTime)
    {
        var (nowSecond, nowInstant) = Math.DivRem(now, NanosecondsPerSecond);
        nowInstant = nowInstant * gridRate / NanosecondsPerSecond;
        var (frameSecond, frameInstant) = Math.DivRem(frameTime, NanosecondsPerSecond);
        frameInstant = ((frameInstant * gridRate) + (NanosecondsPerSecond / 2)) / NanosecondsPerSecond;
        return ((nowSecond - frameSecond) * NanosecondsPerSecond) + (long)Math.Round((nowInstant - frameInstant) * NanosecondsPerSecond / (double)gridRate);
    }
}
