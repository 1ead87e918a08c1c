using Pdc.Testing;

namespace Pdc.Host.Tests;

public sealed class ReplayCommandTests
{
    [Fact]
    public void ReplayDemo_TwoRunsWriteIdenticalAlignedCaptures_AndReportTheDevices()
    {
        var capture = SharedFiles.Capture("C37.118_4in1PMU_TCP.pcap");
        var first = Path.Combine(Path.GetTempPath(), $"pdc-replay-{Guid.NewGuid():N}.pcapng");
        var second = Path.Combine(Path.GetTempPath(), $"pdc-replay-{Guid.NewGuid():N}.pcapng");
        try
        {
            var (exit, stdout, stderr) = PdcProcess.Run("replay", capture, "--demo", "--out", first);
            Assert.True(exit == 0, stderr);
            Assert.Contains("1342 data frames from 4 device(s)", stdout, StringComparison.Ordinal);
            Assert.Contains("1342 complete", stdout, StringComparison.Ordinal);

            Assert.Equal(0, PdcProcess.Run("replay", capture, "--demo", "--out", second).ExitCode);
            Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        }
        finally
        {
            File.Delete(first);
            File.Delete(second);
        }
    }

    [Fact]
    public void ReplayPasses_RepeatTheCaptureWithEveryInstantComplete_AndRefuseZero()
    {
        var capture = SharedFiles.Capture("C37.118_4in1PMU_TCP.pcap");

        var (exit, stdout, stderr) = PdcProcess.Run("replay", capture, "--demo", "--passes", "3");
        Assert.True(exit == 0, stderr);
        Assert.Contains("4026 data frames from 4 device(s) in 3 passes", stdout, StringComparison.Ordinal);
        Assert.Contains("4026 complete", stdout, StringComparison.Ordinal);
        Assert.Contains("late 0, duplicates 0", stdout, StringComparison.Ordinal);

        var refused = PdcProcess.Run("replay", capture, "--demo", "--passes", "0");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--passes must be 1 or more", refused.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayWithoutAlignmentChoice_FailsAndSaysWhatToPass()
    {
        var (exit, _, stderr) = PdcProcess.Run("replay", SharedFiles.Capture("C37.118_1PMU_TCP.pcap"));

        Assert.Equal(1, exit);
        Assert.Contains("--through pdc.json, or --demo", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ReplayThroughBadConfig_NamesTheKey()
    {
        var config = Path.Combine(Path.GetTempPath(), $"pdc-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{ "Concentrator": { "FramesPerSecond": 0, "LagTme": "00:00:01" } }""");
        try
        {
            var (exit, _, stderr) = PdcProcess.Run("replay", SharedFiles.Capture("C37.118_1PMU_TCP.pcap"), "--through", config);

            Assert.Equal(1, exit);
            Assert.Contains("LagTme", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }
}
