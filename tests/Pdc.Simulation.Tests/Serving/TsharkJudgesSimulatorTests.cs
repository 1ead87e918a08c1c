using Pdc.Protocol;
using Pdc.Protocol.Tests.Support;
using Pdc.Simulation.Scenarios;
using Pdc.Simulation.Serving;
using Pdc.Simulation.Tests.Support;
using Pdc.Testing;

namespace Pdc.Simulation.Tests.Serving;

/// <summary>
/// Frames received from a running simulator, in every version and format, put in a capture and dissected by
/// tshark: every CRC is correct, tshark shows the values our decoder reads, and those are the model's values.
/// </summary>
public sealed class TsharkJudgesSimulatorTests
{
    public static TheoryData<ProtocolVersion, DataFormat> VersionsAndFormats => new()
    {
        { ProtocolVersion.Ieee2005, SimulatorOptions.FloatPolar },
        { ProtocolVersion.Ieee2005, DataFormat.FloatPhasors | DataFormat.FloatAnalogs | DataFormat.FloatFrequency },
        { ProtocolVersion.Ieee2005, DataFormat.PolarPhasors },
        { ProtocolVersion.Ieee2005, DataFormat.None },
        { ProtocolVersion.Ieee2011, SimulatorOptions.FloatPolar },
        { ProtocolVersion.Ieee2011, DataFormat.FloatPhasors | DataFormat.FloatAnalogs | DataFormat.FloatFrequency },
        { ProtocolVersion.Ieee2011, DataFormat.PolarPhasors },
        { ProtocolVersion.Ieee2011, DataFormat.None },
    };

    [Theory]
    [MemberData(nameof(VersionsAndFormats))]
    public async Task ReceivedFrames_HaveGoodCrcs_AndShowTheModelsValues(ProtocolVersion version, DataFormat format)
    {
        // The generator trip makes FREQ and DFREQ move; the sag sets STAT trigger bits; all at once from the start.
        var scenario = Scenario.Parse(
            """
            { "events": [
              { "type": "generatorTrip", "atSeconds": 0, "dipHz": -0.1, "rocofHzPerSecond": -0.2, "pmu": 2 },
              { "type": "voltageSag", "atSeconds": 0, "pmus": [1], "depthPercent": 30, "durationSeconds": 3600, "phases": "B" }
            ] }
            """);
        var options = Loopback.Options(pmus: 3) with { Version = version, Format = format, Scenario = scenario };
        await using var simulator = await PmuSimulator.StartAsync(options);
        var stream = simulator.Streams[0];
        await using var client = await TestClient.ConnectAsync(stream.TcpEndPoint, stream.IdCode);
        await client.SendAsync(CommandCode.SendConfig2);
        var cfg2 = await client.ReceiveAsync(FrameType.Config2);
        await client.SendAsync(CommandCode.TurnOnTransmission);
        var data = await client.ReceiveDataAsync(8);

        var pcap = new UdpPcapWriter();
        pcap.Add(cfg2.Bytes);
        data.ForEach(frame => pcap.Add(frame.Bytes));
        var path = pcap.SaveToTempFile();
        IReadOnlyList<PdmlFrame> dissected;
        try
        {
            dissected = Tshark.ReadPdml(path);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(1 + data.Count, dissected.Count);
        Assert.All(dissected, frame => Assert.True(frame.ChecksumGood, $"{frame}: tshark says CHK is wrong"));
        Assert.Equal((int)FrameType.Config2, dissected[0].FrameType);
        Assert.All(dissected, frame => Assert.Equal((int)version, frame.Version));
        var config = cfg2.Config!;
        for (var i = 0; i < data.Count; i++)
        {
            var decoded = new DataFrame(config);
            Assert.Equal(FrameRejection.None, DataFrameCodec.TryDecode(data[i].Bytes, decoded));
            TsharkDataAssert.Matches(dissected[i + 1], decoded);

            var instant = decoded.Timestamp.ToUnixNanoseconds(config.TimeBase);
            var expected = new DataFrame(simulator.Model.Streams[0].ConfigAt(instant));
            simulator.Model.Fill(expected, instant);
            ModelAssert.Equal(expected, decoded);
        }
    }
}
