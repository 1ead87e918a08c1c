using Pdc.Protocol;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;

namespace Pdc.Streaming.Tests.Ingest;

public sealed class TcpClientIngestTests
{
    [Fact]
    public async Task TcpClient_HandshakeWithPmu_DeliversEveryFrameWithItsValues()
    {
        await using var pmu = new TestPmu(TestStreams.Config(idCode: 7));
        var endpoint = pmu.ServeTcp();
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("pmu7", 7, TestStreams.TcpClient(endpoint.Port))), sink);
        ingest.Start();

        await Eventually.TrueAsync(() => sink.Count >= 50, "50 frames delivered");

        var statistics = ingest.GetStatistics().Input("pmu7");
        Assert.Equal(ConnectionState.Streaming, statistics.State);
        Assert.Empty(sink.Misdecoded);
        Assert.Equal(1, sink.DevicesChanged);
        Assert.Equal(7, Assert.Single(ingest.Input("pmu7").Devices).IdCode);
        Assert.Equal(0, statistics.Duplicates);
        Assert.Equal(100, statistics.ConfiguredFrameRate);
        Assert.True(statistics.Latency.Count >= 50);
        Assert.True(statistics.Latency.Max < TimeSpan.FromSeconds(1), $"latency {statistics.Latency}");
        var path = Assert.Single(statistics.Paths);
        Assert.True(path.CommandsSent >= 3, "off, config, on");
        Assert.True(path.BytesReceived >= path.FramesReceived * TestStreams.Config(7).DataFrameSize);
        Assert.Contains(statistics.History, t => t.To == ConnectionState.Streaming);
    }

    [Fact]
    public async Task TcpClient_Streaming_MeasuresTheFrameRateItWasConfiguredFor()
    {
        await using var pmu = new TestPmu(TestStreams.Config(idCode: 11, rate: 50));
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("pmu11", 11, TestStreams.TcpClient(pmu.ServeTcp().Port))), sink);
        ingest.Start();

        await Eventually.TrueAsync(() => sink.Count >= 130, "over two seconds of frames");

        var statistics = ingest.GetStatistics().Input("pmu11");
        Assert.Equal(50, statistics.ConfiguredFrameRate);
        Assert.InRange(statistics.MeasuredFrameRate, 49.5, 50.5);
    }

    [Fact]
    public async Task StatSyncErrorAndDegradedTimeQuality_AreCountedPerPmuAndPerFrame()
    {
        await using var pdc = new TestPmu(TestStreams.Config(idCode: 12, pmuIdCodes: [13, 14]))
        {
            Stat = Stat.SyncErrorBit | Stat.DataInvalidBit,
            TimeQuality = new TimeQuality(0x0B),
        };
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("pdc12", 12, TestStreams.TcpClient(pdc.ServeTcp().Port))), sink);
        ingest.Start();

        await Eventually.TrueAsync(() => sink.CountOf(14) >= 10, "frames of both PMUs");

        var statistics = ingest.GetStatistics().Input("pdc12");
        Assert.Equal(statistics.FramesDelivered, statistics.SyncErrors);
        Assert.Equal(statistics.FramesDelivered, statistics.TimeQualityDegraded);
        Assert.All(statistics.Pmus, p => Assert.Equal(p.Frames, p.SyncErrors));
        Assert.All(statistics.Pmus, p => Assert.Equal(p.Frames, p.DataErrors));
        Assert.All(statistics.Pmus, p => Assert.Equal(0, p.ConfigChangeFlags));
    }

    [Fact]
    public async Task TcpClient_Version2011_AsksForConfig3AndReadsTheHeader()
    {
        await using var pmu = new TestPmu(TestStreams.Config(idCode: 8, version: ProtocolVersion.Ieee2011));
        var endpoint = pmu.ServeTcp();
        var sink = new RecordingSink();
        var input = TestStreams.Input("pmu8", 8, TestStreams.TcpClient(endpoint.Port));
        input.Version = ProtocolVersion.Ieee2011;
        input.RequestHeader = true;
        await using var ingest = new IngestService(TestStreams.Ingest(input), sink);
        ingest.Start();

        await Eventually.TrueAsync(() => sink.Count >= 10 && ingest.Input("pmu8").HeaderText is not null, "frames and the header");

        Assert.Equal(FrameType.Config3, ingest.Input("pmu8").Config!.Type);
        Assert.Equal("Test PMU 8", ingest.Input("pmu8").HeaderText);
        Assert.Empty(sink.Misdecoded);
    }

    [Fact]
    public async Task TcpClient_UpstreamPdcStream_YieldsOneDevicePerPmu()
    {
        await using var pdc = new TestPmu(TestStreams.Config(idCode: 60, phasors: 3, pmuIdCodes: [61, 62, 63, 64]));
        var endpoint = pdc.ServeTcp();
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("pdc", 60, TestStreams.TcpClient(endpoint.Port))), sink);
        ingest.Start();

        await Eventually.TrueAsync(() => sink.CountOf(64) >= 20, "20 frames of the fourth PMU");

        Assert.Equal([61, 62, 63, 64], ingest.Input("pdc").Devices.Select(d => (int)d.IdCode));
        Assert.Equal([0, 1, 2, 3], ingest.Input("pdc").Devices.Select(d => d.PmuIndex));
        Assert.Empty(sink.Misdecoded);
        var statistics = ingest.GetStatistics().Input("pdc");
        Assert.Equal(4, statistics.Pmus.Count);
        Assert.All(statistics.Pmus, p => Assert.True(p.Frames >= 20));
    }

    [Fact]
    public async Task TcpClient_ConfigRequestUnanswered_RetriesAfterTheCommandTimeout()
    {
        await using var pmu = new TestPmu(TestStreams.Config(idCode: 9));
        pmu.IgnoreConfigRequests(1);
        var endpoint = pmu.ServeTcp();
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("pmu9", 9, TestStreams.TcpClient(endpoint.Port))), sink);
        ingest.Start();

        await Eventually.TrueAsync(() => sink.Count >= 10, "frames after the retried config request");

        var path = Assert.Single(ingest.GetStatistics().Input("pmu9").Paths);
        Assert.Equal(1, path.CommandTimeouts);
        Assert.Equal(1, path.Connects);
    }

    [Fact]
    public async Task TcpClient_PmuDroppingConnections_KeepsRetryingWithBackoffUntilItStreams()
    {
        await using var pmu = new TestPmu(TestStreams.Config(idCode: 10));
        var endpoint = pmu.ServeTcp();
        pmu.Down = true;
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("pmu10", 10, TestStreams.TcpClient(endpoint.Port))), sink);
        ingest.Start();

        await Eventually.TrueAsync(
            () => ingest.GetStatistics().Input("pmu10").History.Count(t => t.To == ConnectionState.Disconnected) >= 3,
            "three failed attempts");
        pmu.Down = false;
        await Eventually.TrueAsync(() => sink.Count >= 10, "frames once the PMU is up");

        var reconnects = ingest.GetStatistics().Input("pmu10").History.Where(t => t.To == ConnectionState.Disconnected).ToList();
        Assert.All(reconnects, t => Assert.Contains("reconnecting in", t.Reason, StringComparison.Ordinal));
    }
}
