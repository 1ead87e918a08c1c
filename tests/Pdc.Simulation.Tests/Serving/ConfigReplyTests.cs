using Pdc.Protocol;
using Pdc.Simulation.Serving;
using Pdc.Simulation.Tests.Support;

namespace Pdc.Simulation.Tests.Serving;

public sealed class ConfigReplyTests
{
    [Fact]
    public async Task Config3_LargerThanTheFrameSize_ComesInFragmentsThatReassembleToTheStreamConfig()
    {
        var options = Loopback.Options(pmus: 3) with { Version = ProtocolVersion.Ieee2011, Config3FrameSize = 400 };
        await using var simulator = await PmuSimulator.StartAsync(options);
        var stream = simulator.Streams[0];
        await using var client = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);

        await client.SendAsync(CommandCode.SendConfig3);
        var fragments = new List<ReceivedFrame>();
        ReceivedFrame frame;
        do
        {
            frame = await client.ReceiveAsync(FrameType.Config3);
            fragments.Add(frame);
            Assert.True(frame.Bytes.Length <= 400);
        }
        while (frame.Config is null);

        Assert.True(fragments.Count > 1, "a CFG-3 of 3 PMUs does not fit 400 bytes");
        var expected = simulator.Model.Streams[0].LastConfig;
        var config = frame.Config;
        Assert.Equal(expected.Pmus.Select(p => (p.StationName, p.IdCode, p.GlobalPmuId, p.Phasors.Count)), config.Pmus.Select(p => (p.StationName, p.IdCode, p.GlobalPmuId, p.Phasors.Count)));
        Assert.Equal(0, client.Decoder.Rejections.Total);
    }

    [Fact]
    public async Task Config3Request_IsIgnoredByA2005Stream()
    {
        await using var simulator = await PmuSimulator.StartAsync(Loopback.Options() with { Version = ProtocolVersion.Ieee2005 });
        var stream = simulator.Streams[0];
        await using var client = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);

        await client.SendAsync(CommandCode.SendConfig3);
        Assert.Null(await client.ReceiveAsync(TimeSpan.FromMilliseconds(200)));
        await client.SendAsync(CommandCode.SendConfig2);
        var cfg2 = await client.ReceiveAsync(FrameType.Config2);
        Assert.Equal((byte)ProtocolVersion.Ieee2005, cfg2.Header.Version);
    }
}
