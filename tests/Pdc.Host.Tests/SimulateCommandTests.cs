using System.Net;
using System.Net.Sockets;
using Pdc.Protocol;

namespace Pdc.Host.Tests;

public sealed class SimulateCommandTests
{
    [Fact]
    public async Task Simulate_PrintsWhatItServes_SendsOverUdp_AndStopsCleanly()
    {
        using var receiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)receiver.LocalEndPoint!).Port;
        var run = Task.Run(() => PdcProcess.Run(
            "simulate", "--pmus", "4", "--rate", "20", "--listen", "127.0.0.1:0", "--udp", $"127.0.0.1:{port}", "--scenario", "demo", "--duration", "3"));

        var frames = new List<byte[]>();
        var buffer = new byte[65_536];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (frames.Count < 5)
        {
            var count = await receiver.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            frames.Add(buffer[..count]);
        }

        var (exit, stdout, stderr) = await run;
        Assert.True(exit == 0, stderr);
        Assert.Contains("pdc simulate: 4 PMU(s) at 20 frames/s, C37.118-2011", stdout, StringComparison.Ordinal);
        Assert.Contains("stream IDCODE 100 on TCP 127.0.0.1:", stdout, StringComparison.Ordinal);
        Assert.Contains("scenario demo: ", stdout, StringComparison.Ordinal);
        Assert.Contains("stopped: ", stdout, StringComparison.Ordinal);
        Assert.All(frames, f => Assert.True(FrameChecksum.IsValid(f)));
        Assert.All(frames, f => Assert.Equal((FrameType.Data, (ushort)100), (FrameHeader.Read(f).Type, FrameHeader.Read(f).IdCode)));
    }

    [Fact]
    public void Simulate_BadScenarioFile_ExitsWithTheFieldNamed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"pdc-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """{ "events": [ { "type": "islanding", "atSeconds": 5, "pmus": [3], "frequencyOffsetHz": "fast" } ] }""");
        try
        {
            var (exit, _, stderr) = PdcProcess.Run("simulate", "--scenario", path, "--duration", "1");

            Assert.Equal(1, exit);
            Assert.Contains("events[0].frequencyOffsetHz: expected", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
