using Pdc.Protocol;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;
using Pdc.Testing;

namespace Pdc.Streaming.Tests.Publishing;

/// <summary>
/// What TCP subscribers received from output streams in every format, written frame by frame into a pcap and
/// judged by tshark: good CHK, the stream's header and config, and the aligned frames' values.
/// </summary>
public sealed class WiresharkOutputTests
{
    private const int Frames = 6;

    private static readonly (OutputNumberFormat Numbers, OutputPhasorNotation Notation)[] Formats =
    [
        (OutputNumberFormat.Float, OutputPhasorNotation.Polar),
        (OutputNumberFormat.Float, OutputPhasorNotation.Rectangular),
        (OutputNumberFormat.Integer, OutputPhasorNotation.Polar),
        (OutputNumberFormat.Integer, OutputPhasorNotation.Rectangular),
    ];

    [Theory]
    [InlineData(ProtocolVersion.Ieee2005)]
    [InlineData(ProtocolVersion.Ieee2011)]
    public async Task EveryFormat_TsharkShowsGoodChecksAndTheAlignedValues(ProtocolVersion version)
    {
        var fixture = new PublishingFixture();
        var configRequest = version == ProtocolVersion.Ieee2011 ? CommandCode.SendConfig3 : CommandCode.SendConfig2;
        var configType = version == ProtocolVersion.Ieee2011 ? FrameType.Config3 : FrameType.Config2;
        var streams = new List<OutputStream>();
        var clients = new List<TestSubscriber>();
        var configs = new List<ReceivedFrame>();
        try
        {
            foreach (var (numbers, notation) in Formats)
            {
                var idCode = (ushort)(100 + (10 * (int)version) + streams.Count);
                var stream = new OutputStream(
                    new OutputStreamOptions { IdCode = idCode, Version = version, NumberFormat = numbers, PhasorNotation = notation, ListenAddress = "127.0.0.1", TcpPort = 0 },
                    fixture.Layout,
                    SystemClock.Instance);
                streams.Add(stream);
                await stream.StartAsync();
                var client = await TestSubscriber.ConnectAsync(stream.TcpEndPoint!, idCode, version);
                clients.Add(client);
                configs.Add(await client.RequestConfigAsync(configRequest));
                await client.SendAsync(CommandCode.TurnOnTransmission);
            }

            foreach (var stream in streams)
            {
                await Poll.UntilAsync(() => stream.Snapshot().Subscribers.Single().IsSending);
            }

            fixture.Run(Frames, [.. streams]);
            var pcap = new UdpPcapWriter();
            for (var i = 0; i < streams.Count; i++)
            {
                pcap.Add(configs[i].Bytes);
                var frames = await clients[i].ReadDataAsync(Frames);
                for (var k = 0; k < Frames; k++)
                {
                    ReceivedValues.Match(fixture.Published[k], frames[k].Data!, version);
                    pcap.Add(frames[k].Bytes);
                }
            }

            var dissected = Dissect(pcap);

            Assert.Equal(streams.Count * (Frames + 1), dissected.Count);
            for (var i = 0; i < streams.Count; i++)
            {
                var packets = dissected.Skip(i * (Frames + 1)).Take(Frames + 1).ToList();
                TsharkOutput.ConfigMatches(packets[0], streams[i].Config, configType);
                for (var k = 0; k < Frames; k++)
                {
                    TsharkOutput.DataMatches(packets[k + 1], fixture.Published[k], streams[i].Config, configType);
                }
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            foreach (var stream in streams)
            {
                await stream.DisposeAsync();
            }
        }
    }

    private static IReadOnlyList<PdmlFrame> Dissect(UdpPcapWriter pcap)
    {
        var path = pcap.SaveToTempFile();
        try
        {
            return Tshark.ReadPdml(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
