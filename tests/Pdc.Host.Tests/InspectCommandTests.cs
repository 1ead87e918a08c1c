using System.Text.Json;
using Pdc.Testing;

namespace Pdc.Host.Tests;

public sealed class InspectCommandTests
{
    public static TheoryData<string, int, int, int> SharedCaptures => new()
    {
        // file, commands, CFG-2 frames, data frames: the figures tshark reports (../shared/captures/README.md).
        { "C37.118_1PMU_TCP.pcap", 3, 1, 252 },
        { "C37.118_1PMU_UDP.pcap", 4, 1, 356 },
        { "C37.118_4in1PMU_TCP.pcap", 8, 3, 1342 },
        { "gsf_framecapture_with_cfg2.pcap", 0, 1, 494 },
    };

    [Theory]
    [MemberData(nameof(SharedCaptures))]
    public void Inspect_SharedCapture_JsonCountsEqualTshark(string file, int commands, int config2, int data)
    {
        var path = SharedFiles.Capture(file);
        var (exit, stdout, stderr) = PdcProcess.Run("inspect", path, "--json");

        Assert.True(exit == 0, stderr);
        var streams = JsonDocument.Parse(stdout).RootElement.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(commands, streams.Sum(s => s.GetProperty("frames").GetProperty("command").GetInt32()));
        Assert.Equal(config2, streams.Sum(s => s.GetProperty("frames").GetProperty("cfg2").GetInt32()));
        Assert.Equal(data, streams.Sum(s => s.GetProperty("frames").GetProperty("data").GetInt32()));
        Assert.All(streams, s => Assert.Equal(0, s.GetProperty("crcErrors").GetInt32()));

        var types = Tshark.Run(["-r", path, .. Tshark.SynphasorPorts, "-Y", "synphasor", "-T", "fields", "-e", "synphasor.frtype"])
            .Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(types.Count(t => t == "0x0000"), data);
        Assert.Equal(types.Count(t => t == "0x0004"), commands);
        Assert.Equal(types.Count(t => t == "0x0003"), config2);
    }

    [Fact]
    public void Inspect_FourPmuCapture_ListsEachPmuWithItsChannels()
    {
        var (exit, stdout, stderr) = PdcProcess.Run("inspect", SharedFiles.Capture("C37.118_4in1PMU_TCP.pcap"), "--json");

        Assert.True(exit == 0, stderr);
        var stream = JsonDocument.Parse(stdout).RootElement.GetProperty("streams").EnumerateArray()
            .Single(s => s.GetProperty("frames").GetProperty("data").GetInt32() > 0);
        Assert.Equal(60, stream.GetProperty("idcode").GetInt32());
        Assert.Equal("tcp", stream.GetProperty("transport").GetString());
        Assert.Equal(50, stream.GetProperty("rate").GetDouble());
        var pmus = stream.GetProperty("pmus").EnumerateArray()
            .Select(p => (Id: p.GetProperty("idcode").GetInt32(), Name: p.GetProperty("name").GetString(), Phasors: p.GetProperty("phasors").GetInt32(), Analogs: p.GetProperty("analogs").GetInt32(), Digitals: p.GetProperty("digitals").GetInt32()))
            .ToList();
        Assert.Equal([(61, "PMU1", 3, 0, 1), (62, "PMU2", 14, 8, 1), (63, "PMU3", 14, 4, 1), (64, "PMU4", 14, 0, 1)], pmus);
    }

    [Fact]
    public void Inspect_RawStreamWithConfigFromPcap_FindsTheGapsDuplicatesAndReorderedFrame()
    {
        var (exit, stdout, stderr) = PdcProcess.Run(
            "inspect", SharedFiles.Capture("gsf_framecapture.PmuCapture"), "--json",
            "--config", SharedFiles.Capture("gsf_framecapture_with_cfg2.pcap"));

        Assert.True(exit == 0, stderr);
        var stream = JsonDocument.Parse(stdout).RootElement.GetProperty("streams")[0];
        Assert.Equal("raw", stream.GetProperty("transport").GetString());
        Assert.Equal(494, stream.GetProperty("frames").GetProperty("data").GetInt32());
        Assert.Equal(30, stream.GetProperty("rate").GetDouble());

        // Around frames 169-175 the time skips .200, .267 and .300, repeats .233, then steps back to re-send
        // .333 and .367; around frame 336 it skips .733 and repeats .767. So: 4 report instants never sent,
        // 4 sent twice (2 back to back, 2 after the step back), and 1 frame older than one already delivered.
        Assert.Equal(4, stream.GetProperty("missing").GetInt32());
        Assert.Equal(4, stream.GetProperty("duplicates").GetInt32());
        Assert.Equal(1, stream.GetProperty("outOfOrder").GetInt32());
    }

    [Fact]
    public void Inspect_RawStreamWithoutConfig_SaysHowToDecodeIt()
    {
        var (exit, stdout, _) = PdcProcess.Run("inspect", SharedFiles.Capture("gsf_framecapture.PmuCapture"));

        Assert.Equal(0, exit);
        Assert.Contains("refused     noConfig ×494", stdout, StringComparison.Ordinal);
        Assert.Contains("pass --config", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_TruncatedCapture_ReportsOffsetAndWhatWasReadable()
    {
        var whole = File.ReadAllBytes(SharedFiles.Capture("C37.118_1PMU_TCP.pcap"));
        var truncated = Path.Combine(Path.GetTempPath(), $"pdc-truncated-{Guid.NewGuid():N}.pcap");
        File.WriteAllBytes(truncated, whole[..3000]);
        try
        {
            var (exit, stdout, stderr) = PdcProcess.Run("inspect", truncated, "--json");

            Assert.Equal(2, exit);
            Assert.Contains("offset 2886", stderr, StringComparison.Ordinal);
            var root = JsonDocument.Parse(stdout).RootElement;
            Assert.Equal(2886, root.GetProperty("error").GetProperty("offset").GetInt64());
            var data = root.GetProperty("streams").EnumerateArray().Sum(s => s.GetProperty("frames").GetProperty("data").GetInt32());
            Assert.InRange(data, 1, 251);
        }
        finally
        {
            File.Delete(truncated);
        }
    }

    [Fact]
    public void Inspect_FramesAsJson_OneLinePerFrameWithDecodedValues()
    {
        var (exit, stdout, stderr) = PdcProcess.Run("inspect", SharedFiles.Capture("C37.118_1PMU_UDP.pcap"), "--frames", "--json");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(361, lines.Count);
        var first = lines.First(l => l.GetProperty("type").GetString() == "Data");
        var pmu = first.GetProperty("pmus")[0];
        Assert.Equal(61, pmu.GetProperty("idcode").GetInt32());
        Assert.Equal(3, pmu.GetProperty("phasors").GetArrayLength());

        // tshark, first data frame: Phasor #1 "VA" 100.078V ∠-89.802°, FREQ 0 mHz from 50 Hz.
        Assert.Equal(100.078, pmu.GetProperty("phasors")[0].GetProperty("magnitude").GetDouble(), 0.001);
        Assert.Equal(-89.802, pmu.GetProperty("phasors")[0].GetProperty("angle").GetDouble() * 180 / Math.PI, 0.001);
        Assert.Equal(50.0, pmu.GetProperty("freq").GetDouble(), 0.0001);
    }

    [Fact]
    public void Inspect_MissingFile_FailsWithExitCode1AndSaysWhy()
    {
        var (exit, _, stderr) = PdcProcess.Run("inspect", "/nonexistent/capture.pcap");

        Assert.Equal(1, exit);
        Assert.Contains("does not exist", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_NamesTheInspectCommand()
    {
        var (exit, stdout, _) = PdcProcess.Run("--help");

        Assert.Equal(0, exit);
        Assert.Contains("inspect", stdout, StringComparison.Ordinal);
    }
}
