using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pdc.Host.Configuration;
using Pdc.Host.Runtime;
using Pdc.Protocol;
using Pdc.Simulation;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Serving;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Publishing;
using Pdc.Testing;

namespace Pdc.Host.Tests;

/// <summary>The whole PDC over real loopback sockets: simulated PMUs, ingest, alignment, output, status port.</summary>
public sealed class PdcPipelineTests
{
    private const int Rate = 30;
    private const ushort StreamIdCode = 7;

    private static PdcSettings Settings(string name, IPEndPoint source, ushort sourceIdCode, ushort outputIdCode, string http = "")
    {
        // A lag time with room for a test machine that stalls a process for a moment: complete instants are
        // published at once, so the tests take no longer for it.
        var settings = new PdcSettings
        {
            Concentrator = new AlignmentOptions { IdCode = outputIdCode, FramesPerSecond = Rate, LagTime = TimeSpan.FromMilliseconds(500) },
            Http = http,
        };
        var input = new InputOptions { Name = name, IdCode = sourceIdCode };
        input.Endpoints.Add(new EndpointOptions { Mode = ConnectionMode.TcpClient, RemoteHost = "127.0.0.1", RemotePort = source.Port });
        settings.Ingest.Inputs.Add(input);
        settings.Outputs.Add(new OutputStreamOptions { Name = name + " out", IdCode = outputIdCode, ListenAddress = "127.0.0.1", TcpPort = 0 });
        return settings;
    }

    private static Task<PmuSimulator> SimulateAsync(Scenario? scenario = null) => PmuSimulator.StartAsync(new SimulatorOptions
    {
        PmuCount = 4,
        FramesPerSecond = Rate,
        Scenario = scenario ?? Scenario.Quiet,
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
    });

    /// <summary>Turns the stream on and collects <paramref name="count"/> data frames' (time, STAT, FREQ, |V|) by report time.</summary>
    private static async Task<Dictionary<long, (ushort[] Stat, float[] Frequency, float[] Magnitude)>> CollectAsync(IPEndPoint endpoint, ushort idCode, int count, Action<ConfigFrame>? onConfig = null)
    {
        using var subscriber = new C37118Subscriber(idCode);
        await subscriber.ConnectAsync(endpoint);
        await subscriber.SendAsync(CommandCode.SendConfig2);
        await subscriber.SendAsync(CommandCode.TurnOnTransmission);
        var frames = new Dictionary<long, (ushort[], float[], float[])>();
        await subscriber.ReadUntilAsync(
            frame =>
            {
                if (frame.Config is { } config)
                {
                    onConfig?.Invoke(config);
                }

                if (frame.Data is { } data && data.Config.Pmus.Count == 4)
                {
                    var magnitudes = Enumerable.Range(0, 4).Select(p => data.PhasorsOf(p)[0].Magnitude).ToArray();
                    frames[data.Timestamp.ToUnixNanoseconds(data.Config.TimeBase)] = ((ushort[])data.Stat.Clone(), (float[])data.Frequency.Clone(), magnitudes);
                }

                return frames.Count < count;
            },
            TimeSpan.FromSeconds(30));
        return frames;
    }

    [Fact]
    public async Task SimulatedPmus_AreAlignedAndServed_AndStatusReportsThem()
    {
        await using var simulator = await SimulateAsync();
        var simulated = simulator.Streams[0];
        await using var pdc = await PdcRuntime.StartAsync(Settings("sim", simulated.TcpEndPoint, simulated.IdCode, 1, "127.0.0.1:0"), NullLoggerFactory.Instance);

        ConfigFrame? served = null;
        var frames = await CollectAsync(pdc.Outputs[0].TcpEndPoint!, 1, 60, c => served = c);

        Assert.NotNull(served);
        Assert.Equal(simulated.PmuIdCodes, served.Pmus.Select(p => p.IdCode));
        AssertOnTheReportGrid(frames.Keys);
        Assert.All(frames.Values, f => Assert.All(f.Stat, s => Assert.Equal(0, s & Stat.DataInvalidBit)));
        Assert.All(frames.Values, f => Assert.All(f.Frequency, hz => Assert.InRange(hz, 59.9f, 60.1f)));

        using var http = new HttpClient();
        var status = JsonDocument.Parse(await http.GetStringAsync(new Uri(pdc.StatusAddress!, "api/status"))).RootElement;
        Assert.True(status.GetProperty("concentrator").GetProperty("published").GetInt64() >= 60);
        Assert.Equal("streaming", status.GetProperty("ingest").GetProperty("inputs")[0].GetProperty("state").GetString());
        Assert.True(status.GetProperty("outputs")[0].GetProperty("framesSerialized").GetInt64() >= 60);

        // The log summary says what the last interval brought beside the totals since start.
        var first = pdc.Summary();
        Assert.Matches(@"^inputs 1/1 streaming; aligned since start \d+ instants", first);
        await CollectAsync(pdc.Outputs[0].TcpEndPoint!, 1, 30, _ => { });
        var second = System.Text.RegularExpressions.Regex.Match(pdc.Summary(), @"aligned in the last \d+ s (\d+) instants \((\d+) complete.*; since start (\d+) instants");
        Assert.True(second.Success, "no interval in the summary");
        var (inInterval, completeInInterval, sinceStart) = (int.Parse(second.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(second.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(second.Groups[3].Value, CultureInfo.InvariantCulture));
        Assert.InRange(inInterval, 30, sinceStart - 60);
        Assert.InRange(completeInInterval, 1, inInterval);
    }

    [Fact]
    public async Task PmusChangingTheirConfigMidStream_TheOutputFollowsWithTheNewChannels_AndKeepsServing()
    {
        // At 2 s every simulated PMU gains a phasor and a new CFGCNT.
        await using var simulator = await SimulateAsync(Scenario.Quiet.WithConfigChange(2));
        var simulated = simulator.Streams[0];
        await using var pdc = await PdcRuntime.StartAsync(Settings("sim", simulated.TcpEndPoint, simulated.IdCode, 1), NullLoggerFactory.Instance);
        using var subscriber = new C37118Subscriber(1);
        await subscriber.ConnectAsync(pdc.Outputs[0].TcpEndPoint!);
        await subscriber.SendAsync(CommandCode.SendConfig2);
        await subscriber.SendAsync(CommandCode.TurnOnTransmission);

        var phasorsBefore = 0;
        var validAfter = 0;
        await subscriber.ReadUntilAsync(
            frame =>
            {
                if (frame.Data is not { } data || data.Config.Pmus.Count != 4)
                {
                    return true;
                }

                var phasors = data.Config.Pmus[0].Phasors.Count;
                phasorsBefore = phasorsBefore == 0 ? phasors : phasorsBefore;
                if (phasors == phasorsBefore + 1 && data.Stat.All(s => (s & Stat.DataInvalidBit) == 0))
                {
                    validAfter++;
                }

                return validAfter < 30;
            },
            TimeSpan.FromSeconds(30));

        Assert.Equal(30, validAfter);
        Assert.All(pdc.Concentrator.Layout.Devices, d => Assert.Equal(phasorsBefore + 1, d.Config.Phasors.Count));
    }

    [Fact]
    public async Task TwoInputsReportingTheSamePmus_TheFirstIsAligned_AndTheClashIsLogged()
    {
        await using var simulator = await SimulateAsync();
        var simulated = simulator.Streams[0];
        var settings = Settings("first", simulated.TcpEndPoint, simulated.IdCode, 1);
        var second = new InputOptions { Name = "second", IdCode = simulated.IdCode };
        second.Endpoints.Add(new EndpointOptions { Mode = ConnectionMode.TcpClient, RemoteHost = "127.0.0.1", RemotePort = simulated.TcpEndPoint.Port });
        settings.Ingest.Inputs.Add(second);
        var logs = new CapturedLog();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        await using var pdc = await PdcRuntime.StartAsync(settings, loggers);

        var frames = await CollectAsync(pdc.Outputs[0].TcpEndPoint!, 1, 30);

        Assert.Equal(30, frames.Count);
        Assert.Equal(4, pdc.Concentrator.Layout.Devices.Count);
        Assert.Contains(logs.Messages, m => m.Contains("already reports", StringComparison.Ordinal) && m.Contains($"IDCODE {simulated.PmuIdCodes[0]}", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("could not take", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TwoInputsWithClashingIdCodes_OnlyTheFirstInputsValuesAreAligned()
    {
        // Two PDCs whose PMUs share IDCODEs but measure different things (another noise seed); the second
        // comes up once the first one's PMUs are aligned.
        await using var first = await SimulateAsync();
        var otherPort = FreeTcpPort();
        var settings = Settings("first", first.Streams[0].TcpEndPoint, first.Streams[0].IdCode, 1);
        var second = new InputOptions { Name = "second", IdCode = StreamIdCode };
        second.Endpoints.Add(new EndpointOptions { Mode = ConnectionMode.TcpClient, RemoteHost = "127.0.0.1", RemotePort = otherPort });
        settings.Ingest.Inputs.Add(second);
        await using var pdc = await PdcRuntime.StartAsync(settings, NullLoggerFactory.Instance);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (pdc.Concentrator.Layout.Devices.Count < 4)
        {
            await Task.Delay(20, deadline.Token);
        }

        await using var other = await PmuSimulator.StartAsync(new SimulatorOptions
        {
            PmuCount = 4,
            FramesPerSecond = Rate,
            Scenario = Scenario.Quiet,
            Seed = 2,
            StreamIdCode = StreamIdCode,
            Listen = new IPEndPoint(IPAddress.Loopback, otherPort),
        });
        while (JsonSerializer.SerializeToElement(pdc.Status()).GetProperty("framesOfDuplicateIdCodes").GetInt64() == 0)
        {
            await Task.Delay(20, deadline.Token);
        }

        // The two PDCs' own streams are read from two seconds before the output is, and for ten seconds, so that
        // the output's instants, which trail real time by the lag time or more on a loaded machine, lie within theirs.
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var otherStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fromFirst = CollectAsync(first.Streams[0].TcpEndPoint, first.Streams[0].IdCode, 300, _ => firstStarted.TrySetResult());
        var fromOther = CollectAsync(other.Streams[0].TcpEndPoint, other.Streams[0].IdCode, 300, _ => otherStarted.TrySetResult());
        await Task.WhenAll(firstStarted.Task, otherStarted.Task).WaitAsync(deadline.Token);
        await Task.Delay(TimeSpan.FromSeconds(2), deadline.Token);
        var output = await CollectAsync(pdc.Outputs[0].TcpEndPoint!, 1, 60);
        var firsts = await fromFirst;
        var others = await fromOther;

        // The simulators stamp nanoseconds, the output microseconds (its TIME_BASE): instants are matched by report number.
        static long Instant(long unixNanoseconds) => (long)Math.Round(unixNanoseconds * (double)Rate / 1e9);
        var firstByInstant = firsts.ToDictionary(f => Instant(f.Key), f => f.Value);
        var otherByInstant = others.ToDictionary(f => Instant(f.Key), f => f.Value);
        var outputByInstant = output.ToDictionary(f => Instant(f.Key), f => f.Value);
        var common = outputByInstant.Keys.Intersect(firstByInstant.Keys).Intersect(otherByInstant.Keys).ToList();
        Assert.True(common.Count >= 30, $"only {common.Count} of the output's {outputByInstant.Count} instants in common with both PDCs'");

        // Each instant carries the first PDC's values, or, where this loaded machine held the PDC past its lag time,
        // says its PMUs are missing; never the other PDC's values.
        Assert.Contains(common, instant => !otherByInstant[instant].Magnitude.SequenceEqual(firstByInstant[instant].Magnitude));
        Assert.All(common, instant =>
        {
            var aligned = outputByInstant[instant];
            var missing = aligned.Stat.All(stat => (stat & Stat.DataInvalidBit) != 0) && aligned.Magnitude.All(float.IsNaN);
            Assert.True(missing || aligned.Magnitude.SequenceEqual(firstByInstant[instant].Magnitude), $"instant {instant}: {string.Join(", ", aligned.Magnitude)} is neither the first PDC's values nor marked missing");
        });
        Assert.True(common.Count(instant => outputByInstant[instant].Magnitude.SequenceEqual(firstByInstant[instant].Magnitude)) >= 20, "fewer than 20 instants carry the first PDC's values");
    }

    [Fact]
    public async Task RegionalPdcFeedingSuperPdc_DeliversEveryInstantWithTheSameValues()
    {
        await using var simulator = await SimulateAsync();
        var simulated = simulator.Streams[0];
        await using var regional = await PdcRuntime.StartAsync(Settings("regional", simulated.TcpEndPoint, simulated.IdCode, 10), NullLoggerFactory.Instance);

        // The super PDC connects once the regional one aligns its PMUs: the chain is what this test is about (a super
        // PDC that connects before the regional one has PMUs is the next test).
        using (var started = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (regional.Concentrator.Layout.Devices.Count < 4)
            {
                await Task.Delay(20, started.Token);
            }
        }

        await using var super = await PdcRuntime.StartAsync(Settings("super", regional.Outputs[0].TcpEndPoint!, 10, 20), NullLoggerFactory.Instance);

        var fromSuper = CollectAsync(super.Outputs[0].TcpEndPoint!, 20, 90);
        var fromRegional = await CollectAsync(regional.Outputs[0].TcpEndPoint!, 10, 120);
        var top = await fromSuper;

        var common = top.Keys.Intersect(fromRegional.Keys).ToList();
        Assert.True(common.Count >= 30, $"only {common.Count} instants in common");
        foreach (var time in common)
        {
            Assert.Equal(fromRegional[time].Frequency, top[time].Frequency);
            Assert.Equal(fromRegional[time].Magnitude, top[time].Magnitude);
            Assert.Equal(fromRegional[time].Stat, top[time].Stat);
        }

        AssertOnTheReportGrid(top.Keys);
    }

    [Fact]
    public async Task SuperPdcConnectedBeforeTheRegionalHasPmus_AlignsThemSoonAfterTheRegionalDoes()
    {
        // The regional PDC's PMUs are not there yet: it serves a stream with no PMUs, and the super PDC takes it.
        var pmuPort = FreeTcpPort();
        await using var regional = await PdcRuntime.StartAsync(Settings("regional", new IPEndPoint(IPAddress.Loopback, pmuPort), StreamIdCode, 10), NullLoggerFactory.Instance);
        await using var super = await PdcRuntime.StartAsync(Settings("super", regional.Outputs[0].TcpEndPoint!, 10, 20), NullLoggerFactory.Instance);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!regional.Outputs[0].Snapshot().Subscribers.Any(s => s.IsSending))
        {
            await Task.Delay(20, deadline.Token);
        }

        await using var simulator = await PmuSimulator.StartAsync(new SimulatorOptions
        {
            PmuCount = 4,
            FramesPerSecond = Rate,
            Scenario = Scenario.Quiet,
            StreamIdCode = StreamIdCode,
            Listen = new IPEndPoint(IPAddress.Loopback, pmuPort),
        });
        while (regional.Concentrator.Layout.Devices.Count < 4)
        {
            await Task.Delay(20, deadline.Token);
        }

        var regionalAligned = Stopwatch.StartNew();
        while (super.Concentrator.Layout.Devices.Count < 4)
        {
            await Task.Delay(20, deadline.Token);
        }

        Assert.True(regionalAligned.Elapsed < TimeSpan.FromSeconds(3), $"the super PDC aligned the PMUs {regionalAligned.Elapsed.TotalSeconds:0.0} s after the regional one");
        var top = await CollectAsync(super.Outputs[0].TcpEndPoint!, 20, 30);
        AssertOnTheReportGrid(top.Keys);
    }

    private static int FreeTcpPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>
    /// Every frame sits on a report instant, in order, and nearly all instants are there: on a starved machine a
    /// subscriber that falls behind may lose its oldest frames (by design, counted), but never gets a stray time.
    /// </summary>
    private static void AssertOnTheReportGrid(IEnumerable<long> unixNanoseconds)
    {
        const long period = 1_000_000_000L / Rate;
        var times = unixNanoseconds.Order().ToList();
        var steps = times.Zip(times.Skip(1), (a, b) => b - a).ToList();
        Assert.All(steps, step => Assert.InRange(Math.Abs(step - (Math.Max(1, (step + (period / 2)) / period) * period)), 0, 1_000));
        Assert.True(steps.Count(step => step < period + 1_000) >= steps.Count * 9 / 10, "more than a tenth of the instants missing");
    }

    /// <summary>Keeps every message logged, from any thread.</summary>
    private sealed class CapturedLog : ILoggerProvider, ILogger
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> messages = new();

        public IEnumerable<string> Messages => messages;

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
