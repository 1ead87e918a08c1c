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
        var frames = streams.Select(s => new DataFrame(s.Description)).ToList();
        foreach (var frame in frames)
        {
            frame.Frequency[0] = 60;
        }

        await using var concentrating = new ConcentratingSink(new CountingSink(), options.Pmus, options.Rate, 1);
        await concentrating.StartAsync([.. streams.Select(s => DeviceSource.From(s.Description, 0))]).ConfigureAwait(false);
        Console.WriteLine($"{options.Pmus} PMUs placed in process at {options.Rate} frames/s; warm-up {options.WarmUp.TotalSeconds:0} s, measuring {options.Duration.TotalSeconds:0} s");

        var placed = 0L;
        var process = Process.GetCurrentProcess();
        var end = DateTime.UtcNow + options.WarmUp + options.Duration;
        var cpu = process.TotalProcessorTime;
        await Task.Factory.StartNew(
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

                    placed += frames.Count;
                    next++;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).ConfigureAwait(false);
        await Task.Delay(500).ConfigureAwait(false);
        process.Refresh();
        var seconds = (options.WarmUp + options.Duration).TotalSeconds;
        Console.WriteLine($"placed           {placed / seconds:0} frames/s; {(process.TotalProcessorTime - cpu).TotalSeconds / seconds:0.00} cores for the whole process");
        Console.WriteLine(concentrating.Report());
        return 0;
    }
}
