using System.Diagnostics;
using System.Globalization;
using Pdc.Protocol;
using Pdc.Streaming.Ingest;

namespace Pdc.LoadTest;

/// <summary>
/// The measured process: an <see cref="IngestService"/> with N inputs (one shared TCP listener, or a UDP port
/// each), fed by the generator process. Once every input streams and the warm-up has passed, it measures
/// frames delivered, CPU time and bytes allocated over the window, then compares what was sent with what arrived.
/// </summary>
internal static class IngestSide
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var sink = new CountingSink();
        await using var concentrating = options.Concentrate ? new ConcentratingSink(sink, options) : null;
        await using var ingest = new IngestService(Settings(options), concentrating is null ? sink : concentrating);
        if (concentrating is not null)
        {
            await concentrating.StartAsync(ingest).ConfigureAwait(false);
        }

        ingest.Start();
        var target = Target(options, ingest, out var portsFile);
        using var generator = StartGenerator(options with { Target = target });
        try
        {
            var clock = Stopwatch.StartNew();
            while (ingest.Inputs.Any(i => i.GetStatistics().State != ConnectionState.Streaming))
            {
                if (generator.HasExited || clock.Elapsed > TimeSpan.FromSeconds(120))
                {
                    var states = string.Join(", ", ingest.Inputs.GroupBy(i => i.GetStatistics().State).Select(g => $"{g.Count()} {g.Key}"))
                        + $"; pool threads {ThreadPool.ThreadCount}, pending {ThreadPool.PendingWorkItemCount}, completed {ThreadPool.CompletedWorkItemCount}; listeners: "
                        + string.Join(", ", ingest.GetStatistics().Listeners.Select(l => $"{l.Endpoint} accepted {l.Accepted}, identified {l.Identified}"));
                    await Console.Error.WriteLineAsync($"Not every input streams after {clock.Elapsed.TotalSeconds:0} s: {states}.").ConfigureAwait(false);
                    return 2;
                }

                await Task.Delay(250).ConfigureAwait(false);
            }

            Console.WriteLine($"{options.Pmus} inputs streaming after {clock.Elapsed.TotalSeconds:0.0} s; warm-up {options.WarmUp.TotalSeconds:0} s, measuring {options.Duration.TotalSeconds:0} s");
            await Task.Delay(options.WarmUp).ConfigureAwait(false);
            concentrating?.StartWindow();
            using var sampler = options.SampleAllocations ? new AllocationSampler() : null;
            var window = await MeasureAsync(sink, options.Duration).ConfigureAwait(false);
            sampler?.Dispose();

            await generator.StandardInput.DisposeAsync().ConfigureAwait(false);
            var sentLine = await generator.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await generator.WaitForExitAsync().ConfigureAwait(false);
            await DrainedAsync(sink).ConfigureAwait(false);
            Report(options, ingest.GetStatistics(), sink, window, sentLine.Trim());
            if (concentrating is not null)
            {
                Console.WriteLine(concentrating.Report());
            }

            foreach (var sample in sampler?.Top(10) ?? [])
            {
                Console.WriteLine($"allocation sample {sample}");
            }

            return 0;
        }
        finally
        {
            if (!generator.HasExited)
            {
                generator.Kill();
            }

            if (portsFile is not null)
            {
                File.Delete(portsFile);
            }
        }
    }

    /// <summary>Waits until delivery stops (a generator that fell behind leaves frames in socket buffers): then the counts compare.</summary>
    private static async Task DrainedAsync(CountingSink sink)
    {
        var clock = Stopwatch.StartNew();
        long before;
        do
        {
            before = sink.Frames;
            await Task.Delay(1000).ConfigureAwait(false);
        }
        while (sink.Frames != before && clock.Elapsed < TimeSpan.FromSeconds(60));
    }

    private static IngestOptions Settings(LoadOptions options)
    {
        var settings = new IngestOptions { IdentifyTimeout = TimeSpan.FromSeconds(30) };
        for (var i = 1; i <= options.Pmus; i++)
        {
            var input = new InputOptions
            {
                Name = $"pmu{i}",
                IdCode = (ushort)i,
                CommandTimeout = TimeSpan.FromSeconds(10),
                SilentFramePeriods = 2 * options.Rate,
            };
            input.Endpoints.Add(options.Transport == "tcp"
                ? new EndpointOptions { Mode = ConnectionMode.TcpListener, LocalAddress = "127.0.0.1" }
                : new EndpointOptions { Mode = ConnectionMode.Udp, LocalAddress = "127.0.0.1" });
            settings.Inputs.Add(input);
        }

        return settings;
    }

    /// <summary>The listener's endpoint, or a file listing each input's UDP port in IDCODE order.</summary>
    private static string Target(LoadOptions options, IngestService ingest, out string? portsFile)
    {
        var endpoints = ingest.GetStatistics().Inputs.Select(i => i.Paths[0].LocalEndpoint!).ToList();
        if (options.Transport == "tcp")
        {
            portsFile = null;
            return endpoints[0].ToString();
        }

        portsFile = Path.GetTempFileName();
        File.WriteAllLines(portsFile, endpoints.Select(e => e.Port.ToString(CultureInfo.InvariantCulture)));
        return portsFile;
    }

    private static Process StartGenerator(LoadOptions options)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            info.ArgumentList.Add(typeof(IngestSide).Assembly.Location);
        }

        info.ArgumentList.Add("generate");
        foreach (var argument in options.ToArguments())
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("The generator did not start.");
    }

    private static async Task<Window> MeasureAsync(CountingSink sink, TimeSpan duration)
    {
        var process = Process.GetCurrentProcess();
        var (frames, cpu, allocated, gcs) = (sink.Frames, process.TotalProcessorTime, GC.GetTotalAllocatedBytes(precise: true), GC.CollectionCount(0));
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration).ConfigureAwait(false);
        process.Refresh();
        return new Window(
            sink.Frames - frames,
            clock.Elapsed,
            process.TotalProcessorTime - cpu,
            GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - gcs);
    }

    private static void Report(LoadOptions options, IngestStatistics statistics, CountingSink sink, Window window, string sentLine)
    {
        var sent = long.Parse(sentLine.Split(' ')[0]["sent=".Length..], CultureInfo.InvariantCulture);
        var inputs = statistics.Inputs;
        var noConfig = inputs.Sum(i => i.Rejected(FrameRejection.NoConfig));
        var lost = sent - sink.Frames - noConfig;
        var batching = options.FramesPerSend == 1 ? string.Empty : $", {options.FramesPerSend} frames per send";
        Console.WriteLine($"offered          {options.Pmus} PMUs x {options.Rate} frames/s = {options.Pmus * options.Rate} frames/s over {options.Transport}{batching}");
        Console.WriteLine($"delivered        {window.Frames / window.Elapsed.TotalSeconds:0} frames/s over {window.Elapsed.TotalSeconds:0.0} s ({window.Frames} frames)");
        Console.WriteLine($"sent/delivered   {sent} sent, {sink.Frames} delivered, {noConfig} before the config, lost {lost} (generator: {sentLine})");
        Console.WriteLine($"missing reports  {inputs.Sum(i => i.MissingReports)}; duplicates {inputs.Sum(i => i.Duplicates)}; reconnects {inputs.Sum(i => i.Paths.Sum(p => Math.Max(0, p.Connects - 1)))}; rejected {inputs.Sum(i => i.Paths.Sum(p => p.Rejections.Sum(r => r.Frames)))}");
        Console.WriteLine($"cpu              {window.Cpu.TotalMilliseconds / (window.Frames / 1000.0):0.000} ms per 1,000 frames ({window.Cpu.TotalSeconds / window.Elapsed.TotalSeconds:0.00} cores)");
        Console.WriteLine($"allocated        {(double)window.Allocated / window.Frames:0.000} bytes per frame ({window.Allocated} bytes, {window.Gen0Collections} gen0 GCs)");
        Console.WriteLine($"latency (arrival - frame time), worst input: p99 {inputs.Max(i => i.Latency.P99).TotalMilliseconds:0.00} ms, max {inputs.Max(i => i.Latency.Max).TotalMilliseconds:0.00} ms; mean of means {inputs.Average(i => i.Latency.Mean.TotalMilliseconds):0.00} ms");
        Console.WriteLine($"result           {(lost == 0 ? "zero loss" : $"LOSS of {lost} frames")}");
    }

    private sealed record Window(long Frames, TimeSpan Elapsed, TimeSpan Cpu, long Allocated, int Gen0Collections);
}
