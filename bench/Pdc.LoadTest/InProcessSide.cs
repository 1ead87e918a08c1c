using System.Diagnostics;
using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Time;

namespace Pdc.LoadTest;

/// <summary>
/// <c>--transport inproc</c>: the concentrator, its output streams and their TCP subscribers, fed by one thread
/// that places every PMU's frame at each report instant, with no PMU sockets and no generator process. What it
/// measures is what the concentrator and publication add between the last device's frame and the subscribers'
/// sockets, with the machine's cores left to them.
/// </summary>
internal static class InProcessSide
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var streams = Enumerable.Range(1, options.Pmus).Select(i => new PmuStream((ushort)i, options.Rate)).ToList();
        var frames = streams.Select(s => s.Values).ToList();
        await using var concentrating = new ConcentratingSink(new CountingSink(), options);
        await concentrating.StartAsync([.. streams.Select(s => DeviceSource.From(s.Description, 0))]).ConfigureAwait(false);
        Console.WriteLine($"{options.Pmus} PMUs placed in process at {options.Rate} frames/s; warm-up {options.WarmUp.TotalSeconds:0} s, measuring {options.Duration.TotalSeconds:0} s");

        var placed = 0L;
        var process = Process.GetCurrentProcess();
        var end = DateTime.UtcNow + options.WarmUp + options.Duration + TimeSpan.FromSeconds(1);
        var feeding = Task.Factory.StartNew(
            () =>
            {
                var grid = new ReportGrid(options.Rate);
                var next = grid.AtOrBefore(SystemClock.Instance.UtcNowNanoseconds) + 1;
                while (DateTime.UtcNow < end)
                {
                    var wait = TimeSpan.FromTicks((grid.ToUnixNanoseconds(next) - SystemClock.Instance.UtcNowNanoseconds) / 100);
                    if (wait > TimeSpan.Zero)
                    {
                        Thread.Sleep(wait);
                    }

                    var time = grid.ToTimestamp(next, 1_000_000);
                    for (var i = 0; i < frames.Count; i++)
                    {
                        frames[i].Timestamp = time;
                        concentrating.Place(streams[i].IdCode, frames[i], SystemClock.Instance.UtcNowNanoseconds);
                    }

                    Interlocked.Add(ref placed, frames.Count);
                    next++;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        // The window starts after the warm-up and ends while the feed still runs; the CPU includes the subscribers'
        // readers, which run in this process too; so are the latencies.
        await Task.Delay(options.WarmUp).ConfigureAwait(false);
        concentrating.StartWindow();
        process.Refresh();
        var (cpu, placedBefore, clock) = (process.TotalProcessorTime, Interlocked.Read(ref placed), Stopwatch.StartNew());
        await Task.Delay(options.Duration).ConfigureAwait(false);
        process.Refresh();
        var (cpuUsed, placedInWindow, seconds) = (process.TotalProcessorTime - cpu, Interlocked.Read(ref placed) - placedBefore, clock.Elapsed.TotalSeconds);
        await feeding.ConfigureAwait(false);
        Console.WriteLine($"placed           {placedInWindow / seconds:0} frames/s over {seconds:0.0} s; {cpuUsed.TotalSeconds / seconds:0.00} cores for the whole process (subscribers' readers included)");
        Console.WriteLine(concentrating.Report());
        return 0;
    }
}
