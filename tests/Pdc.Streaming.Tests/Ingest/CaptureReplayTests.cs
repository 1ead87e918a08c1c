using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;
using Pdc.Testing;

namespace Pdc.Streaming.Tests.Ingest;

/// <summary>Real devices' streams, served live by replaying their side of a capture, ingested as an offline decode reads them.</summary>
public sealed class CaptureReplayTests
{
    [Theory]
    [InlineData("C37.118_1PMU_TCP.pcap", 241, 1)]
    [InlineData("C37.118_4in1PMU_TCP.pcap", 60, 4)]
    [InlineData("gsf_framecapture_with_cfg2.pcap", 1, 1)]
    [InlineData("C37.118_1PMU_UDP.pcap", 60, 1)]
    public async Task Capture_ServedLive_IsIngestedWithTheValuesOfAnOfflineDecode(string capture, ushort idCode, int pmus)
    {
        await using var replay = CaptureReplay.Load(SharedFiles.Capture(capture));
        var expected = FirstOfEachInstant(replay.DecodeOffline());
        var device = replay.Serve();
        var endpoint = replay.Transport == Pdc.Capture.TransportProtocol.Udp ? TestStreams.Udp(device.Port) : TestStreams.TcpClient(device.Port);
        var sink = new RecordingSink { CheckTestValues = false };
        var input = TestStreams.Input("replay", idCode, endpoint);
        input.SilentFramePeriods = 1_000_000;
        await using var ingest = new IngestService(TestStreams.Ingest(input), sink);
        ingest.Start();

        await Eventually.TrueAsync(() => sink.Count >= expected.Count, $"{expected.Count} deliveries");
        await Task.Delay(100);

        Assert.Equal(pmus, ingest.Input("replay").Devices.Count);
        Assert.Equal(expected.Count, sink.Count);
        foreach (var (want, got) in expected.Zip(sink.Deliveries))
        {
            Assert.Equal(want with { Arrival = 0 }, got with { Arrival = 0 }, DeliveryComparer.Instance);
        }

        var statistics = ingest.GetStatistics().Input("replay");
        Assert.Equal(expected.Count / pmus, statistics.FramesDelivered);
        Assert.Equal(0, statistics.CrcErrors);
    }

    [Fact]
    public async Task GsfCapture_ServedLive_DropsRepeatedReportsAndCountsTheGaps()
    {
        // The capture's report instants (×1/30 s) run ..., 5, 7, 7, 10, 11, 10, 11, 12, ... and ..., 21, 23, 23, 24, ...:
        // 4 frames repeat an instant already delivered (the README's "2 duplicates and 1 out of order" counts the
        // repeated 10, 11 as one out-of-order frame; here a repeat is a duplicate, whatever its order) and 4 instants
        // never come (6, 8, 9, 22).
        await using var replay = CaptureReplay.Load(SharedFiles.Capture("gsf_framecapture_with_cfg2.pcap"));
        var sink = new RecordingSink { CheckTestValues = false };
        var input = TestStreams.Input("gsf", 1, TestStreams.TcpClient(replay.Serve().Port));
        input.SilentFramePeriods = 1_000_000;
        await using var ingest = new IngestService(TestStreams.Ingest(input), sink);
        ingest.Start();

        await Eventually.TrueAsync(() => ingest.GetStatistics().Input("gsf").Paths[0].FramesReceived == 494, "all 494 data frames");
        var statistics = ingest.GetStatistics().Input("gsf");

        Assert.Equal(490, statistics.FramesDelivered);
        Assert.Equal(490, sink.Count);
        Assert.Equal(4, statistics.Duplicates);
        Assert.Equal(0, statistics.OutOfOrder);
        Assert.Equal(4, statistics.MissingReports);
        Assert.Equal(30, statistics.ConfiguredFrameRate);
    }

    private static List<Delivery> FirstOfEachInstant(IReadOnlyList<Delivery> deliveries)
    {
        var seen = new HashSet<(ushort, Pdc.Protocol.FrameTimestamp)>();
        return [.. deliveries.Where(d => seen.Add((d.IdCode, d.Timestamp with { FracSecWord = d.Timestamp.FractionOfSecond })))];
    }

    /// <summary>Field by field, arrays by content, NaN equal to NaN.</summary>
    private sealed class DeliveryComparer : IEqualityComparer<Delivery>
    {
        public static readonly DeliveryComparer Instance = new();

        public bool Equals(Delivery? x, Delivery? y) =>
            x is not null && y is not null
            && x.IdCode == y.IdCode && x.Timestamp == y.Timestamp && x.Stat == y.Stat
            && x.Frequency.Equals(y.Frequency) && x.Rocof.Equals(y.Rocof)
            && x.Phasors.SequenceEqual(y.Phasors) && x.Analogs.SequenceEqual(y.Analogs) && x.Digitals.SequenceEqual(y.Digitals);

        public int GetHashCode(Delivery obj) => obj.Timestamp.GetHashCode();
    }
}
