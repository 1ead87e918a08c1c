using Pdc.Protocol;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;

namespace Pdc.Streaming.Tests.Ingest;

public sealed class ConfigChangeTests
{
    [Fact]
    public async Task ConfigChangeBit_ThenNewLayout_RequestsTheConfigAndNeverMisdecodes()
    {
        await using var pmu = new TestPmu(TestStreams.Config(51, phasors: 2, configChangeCount: 1));
        var endpoint = pmu.ServeTcp();
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("c", 51, TestStreams.TcpClient(endpoint.Port))), sink);
        ingest.Start();
        await Eventually.TrueAsync(() => sink.Count >= 20, "frames under the first config");
        var requestsBefore = ingest.GetStatistics().Input("c").Paths[0].CommandsSent;

        pmu.ChangeConfig(TestStreams.Config(51, phasors: 3, configChangeCount: 2), flaggedFrames: 20);
        await Eventually.TrueAsync(() => sink.Deliveries[^1].Phasors.Length == 3, "frames under the new config");
        var switched = sink.Count;
        await Eventually.TrueAsync(() => sink.Count >= switched + 20, "more frames under the new config");

        var statistics = ingest.GetStatistics().Input("c");
        Assert.Empty(sink.Misdecoded);
        Assert.True(statistics.ConfigChanges == 1 && statistics.Paths[0].Connects == 1, $"{statistics.ConfigChanges} config changes, {statistics.Paths[0].Connects} connects: {string.Join("; ", statistics.History)}");
        Assert.True(statistics.Paths[0].CommandsSent > requestsBefore, "the config was asked for again");
        Assert.Equal(2, Assert.Single(statistics.Pmus).ConfigChangeCount);
        Assert.True(Assert.Single(statistics.Pmus).ConfigChangeFlags >= 1);
        Assert.Equal(2, sink.DevicesChanged);
        Assert.Equal(1, statistics.Paths[0].Connects);

        // Each frame's phasor count follows its config: 2 up to the switch, 3 after, never back.
        var counts = sink.Deliveries.Select(d => d.Phasors.Length).ToList();
        Assert.Equal(counts.Order(), counts);
    }

    [Fact]
    public async Task NewLayoutWithoutWarning_FramesThatDoNotFitAreCountedAndDropped()
    {
        await using var pmu = new TestPmu(TestStreams.Config(52, phasors: 2));
        var endpoint = pmu.ServeTcp();
        var sink = new RecordingSink();
        await using var ingest = new IngestService(TestStreams.Ingest(TestStreams.Input("c", 52, TestStreams.TcpClient(endpoint.Port))), sink);
        ingest.Start();
        await Eventually.TrueAsync(() => sink.Count >= 20, "frames under the first config");

        pmu.ChangeConfig(TestStreams.Config(52, phasors: 4, configChangeCount: 2), flaggedFrames: 0);
        await Eventually.TrueAsync(() => sink.Count > 0 && sink.Deliveries[^1].Phasors.Length == 4, "frames under the new config");

        var statistics = ingest.GetStatistics().Input("c");
        Assert.True(statistics.Rejected(FrameRejection.ConfigMismatch) >= 1);
        Assert.Equal(1, statistics.ConfigChanges);
        Assert.Empty(sink.Misdecoded);
    }
}
