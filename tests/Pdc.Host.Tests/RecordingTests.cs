using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Pdc.Capture;
using Pdc.Host.Configuration;
using Pdc.Host.Runtime;
using Pdc.Protocol;
using Pdc.Replay.Recording;
using Pdc.Simulation;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Serving;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Publishing;
using Pdc.Testing;

namespace Pdc.Host.Tests;

/// <summary>pdc run --record: the live PDC records its traffic, and the recording decodes on its own.</summary>
public sealed class RecordingTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"pdc-recording-{Guid.NewGuid():N}");

    private sealed class AlignedValues : IAlignedFrameConsumer
    {
        private readonly Lock gate = new();
        private readonly Dictionary<long, (float[] Frequency, float[] Magnitude)> frames = [];

        public void Publish(AlignedFrame frame)
        {
            var values = frame.Values;
            if (!frame.Arrived.All(a => a))
            {
                return;
            }

            lock (gate)
            {
                frames[Millisecond(values)] =
                    ((float[])values.Frequency.Clone(), [.. Enumerable.Range(0, values.Config.Pmus.Count).Select(p => values.PhasorsOf(p)[0].Magnitude)]);
            }
        }

        public Dictionary<long, (float[] Frequency, float[] Magnitude)> Snapshot()
        {
            lock (gate)
            {
                return new(frames);
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task LiveRecording_DecodesOnItsOwn_WithTheValuesReceived_TheCommandsSent_AndTheOutputServed()
    {
        await using var simulator = await PmuSimulator.StartAsync(new SimulatorOptions
        {
            PmuCount = 4,
            FramesPerSecond = 30,
            Scenario = Scenario.Quiet,
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
        });
        var simulated = simulator.Streams[0];
        var aligned = new AlignedValues();
        var recorder = new CaptureRecorder(new RecorderOptions { Directory = directory, RecordSent = true });
        await using (recorder)
        {
            await using var pdc = await PdcRuntime.StartAsync(Settings(simulated), NullLoggerFactory.Instance, [aligned], recorder);
            using var subscriber = new C37118Subscriber(1);
            await subscriber.ConnectAsync(pdc.Outputs[0].TcpEndPoint!);
            await subscriber.SendAsync(CommandCode.SendConfig2);
            await subscriber.SendAsync(CommandCode.TurnOnTransmission);
            var received = 0;
            await subscriber.ReadUntilAsync(frame => (received += frame.Data is null ? 0 : 1) < 30, TimeSpan.FromSeconds(20));
        }

        var file = Assert.Single(recorder.Files);
        var fromSimulator = new List<DataFrame>();
        var commands = new List<CommandCode>();
        var served = 0;
        var configBeforeData = false;
        using (var reader = CaptureFile.Open(file))
        {
            new CaptureStreamDecoder().Run(reader, (flow, _, frame) =>
            {
                if (flow.Key.SourcePort == simulated.TcpEndPoint.Port)
                {
                    configBeforeData |= frame.Config is not null && fromSimulator.Count == 0;
                    if (frame.Data is { } data)
                    {
                        var copy = new DataFrame(data.Config);
                        DataFrameCodec.TryDecode(frame.Bytes, copy);
                        fromSimulator.Add(copy);
                    }
                }
                else if (frame.Command is { } command && flow.Key.DestinationPort == simulated.TcpEndPoint.Port)
                {
                    commands.Add(command.Command);
                }
                else if (frame.Data is not null && frame.FrameHeader.IdCode == 1)
                {
                    served++;
                }
            });
            Assert.Null(reader.Error);
        }

        Assert.True(configBeforeData);
        // The handshake (again, should a busy test machine make the ingest reconnect).
        Assert.Equal([CommandCode.TurnOffTransmission, CommandCode.SendConfig2, CommandCode.TurnOnTransmission], commands.Take(3));
        Assert.InRange(served, 30, 10_000);
        var alignedValues = aligned.Snapshot();
        var compared = 0;
        foreach (var data in fromSimulator)
        {
            if (alignedValues.TryGetValue(Millisecond(data), out var values))
            {
                Assert.Equal(values.Frequency, data.Frequency);
                Assert.Equal(values.Magnitude, Enumerable.Range(0, 4).Select(p => data.PhasorsOf(p)[0].Magnitude));
                compared++;
            }
        }

        Assert.True(compared >= 30, $"only {compared} recorded frames were aligned");

        // Wireshark reads the file too: the interfaces are named, and every synchrophasor frame's CRC is good.
        var rows = Tshark.Run(["-r", file, "-d", $"tcp.port=={simulated.TcpEndPoint.Port},synphasor", "-Y", "synphasor", "-T", "fields", "-e", "frame.interface_name", "-e", "synphasor.checksum.status"])
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')).ToList();
        Assert.Contains(rows, r => r[0] == $"input sim: tcp 127.0.0.1:{simulated.TcpEndPoint.Port} (primary)");
        var checksums = rows.SelectMany(r => r[1].Split(',')).ToList();
        Assert.All(checksums, status => Assert.Equal("1", status));
        Assert.True(checksums.Count >= fromSimulator.Count + commands.Count + 1, $"tshark found {checksums.Count} frames");
    }

    [Fact]
    public void DemoWithRecordAndRotation_WritesSeveralFiles_ThatInspectFindsTheStreamIn()
    {
        var (exit, _, stderr) = PdcProcess.Run("demo", "--duration", "00:00:03", "--output-port", "0", "--http", "127.0.0.1:0", "--record", directory, "--rotate", "16KB");
        Assert.True(exit == 0, stderr);

        var files = Directory.GetFiles(directory, "pdc-*.pcapng").Order().ToList();
        Assert.InRange(files.Count, 2, 100);
        foreach (var file in new[] { files[0], files[^1] })
        {
            var (inspectExit, report, inspectErrors) = PdcProcess.Run("inspect", file);
            Assert.True(inspectExit == 0, inspectErrors);
            Assert.Contains("IDCODE 100", report, StringComparison.Ordinal);
            Assert.Contains("CFG-2 1", report, StringComparison.Ordinal);
        }
    }

    /// <summary>A frame's time to the millisecond: the PMUs' TIME_BASE and the output's may differ, and round differently.</summary>
    private static long Millisecond(DataFrame frame) => (frame.Timestamp.ToUnixNanoseconds(frame.Config.TimeBase) + 500_000) / 1_000_000;

    private static PdcSettings Settings(ServedStream simulated)
    {
        var settings = new PdcSettings { Concentrator = new AlignmentOptions { IdCode = 1, FramesPerSecond = 30, LagTime = TimeSpan.FromMilliseconds(150) } };
        var input = new InputOptions { Name = "sim", IdCode = simulated.IdCode };
        input.Endpoints.Add(new EndpointOptions { Mode = ConnectionMode.TcpClient, RemoteHost = "127.0.0.1", RemotePort = simulated.TcpEndPoint.Port });
        settings.Ingest.Inputs.Add(input);
        settings.Outputs.Add(new OutputStreamOptions { Name = "aligned", IdCode = 1, ListenAddress = "127.0.0.1", TcpPort = 0 });
        return settings;
    }
}
