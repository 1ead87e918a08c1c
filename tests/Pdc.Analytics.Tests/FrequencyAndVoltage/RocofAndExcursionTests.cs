using Pdc.Analytics.FrequencyAndVoltage;
using Pdc.Analytics.Tests.Support;

namespace Pdc.Analytics.Tests.FrequencyAndVoltage;

public class RocofAndExcursionTests
{
    private const double Frame = 1.0 / 60;

    [Fact]
    public void FallAt1HzPerSecond_RaisesRocof_ThenResetsWhenItStops()
    {
        // Falls from t = 1 s to t = 2 s. The 0.5 s mean ROCOF reaches 0.5 Hz/s at 1.25 s; 0.1 s delay.
        var sink = new RecordingSink();
        var rocof = new RocofDetector(new RocofSettings(), sink);
        UnderFrequencyLoadSheddingTests.Run(rocof, 4, t => 60 - Math.Clamp(t - 1, 0, 1));

        var alarm = Assert.Single(sink.Started(DetectorEventType.Rocof));
        Assert.InRange(RecordingSink.SecondsOf(alarm), 1.35 - Frame, 1.35 + (2 * Frame));
        Assert.True(alarm.Value("rocof_hz_per_s") <= -0.5);

        // After 2 s the mean falls below 0.4 Hz/s at 2.3 s; 0.5 s reset delay.
        var reset = Assert.Single(sink.Ended(DetectorEventType.Rocof));
        Assert.InRange(RecordingSink.SecondsOf(reset), 2.8 - Frame, 2.8 + (2 * Frame));
        Assert.Equal(0, rocof.Rocof, 1e-3);
    }

    [Fact]
    public void SlowDrift_RaisesNoRocof()
    {
        var sink = new RecordingSink();
        UnderFrequencyLoadSheddingTests.Run(new RocofDetector(new RocofSettings(), sink), 5, t => 60 - (0.3 * t));

        Assert.Empty(sink.Events);
    }

    [Fact]
    public void ReportedRocof_IsAveragedOverTheWindow()
    {
        var sink = new RecordingSink();
        var rocof = new RocofDetector(new RocofSettings { UseReportedRocof = true }, sink);
        var grid = new TestGrid(3, 60);
        for (var k = 0; k < 120; k++)
        {
            var frame = grid.Next();
            Array.Fill(frame.Rocof, k >= 60 ? 0.8f : 0f);
            rocof.Process(frame);
        }

        var alarm = Assert.Single(sink.Started(DetectorEventType.Rocof));
        Assert.True(alarm.Value("rocof_hz_per_s") >= 0.5);

        // The history holds reported ROCOFs here, not frequencies: none is passed off as "frequency_hz".
        Assert.DoesNotContain(alarm.Values, v => v.Name == "frequency_hz");
    }

    [Fact]
    public void OverAndUnderFrequency_AreReportedAfterTheDelay()
    {
        var sink = new RecordingSink();
        var excursion = new FrequencyExcursionDetector(new FrequencyExcursionSettings(), sink);
        UnderFrequencyLoadSheddingTests.Run(excursion, 8, t => t < 1 ? 60 : t < 3 ? 60.3 : t < 5 ? 60 : 59.7);

        var over = Assert.Single(sink.Started(DetectorEventType.OverFrequency));
        Assert.InRange(RecordingSink.SecondsOf(over), 1.5 - Frame, 1.5 + Frame);
        Assert.Equal(0.3, over.Value("deviation_hz"), 1e-4);
        Assert.InRange(RecordingSink.SecondsOf(Assert.Single(sink.Ended(DetectorEventType.OverFrequency))), 4 - Frame, 4 + Frame);
        var under = Assert.Single(sink.Started(DetectorEventType.UnderFrequency));
        Assert.InRange(RecordingSink.SecondsOf(under), 5.5 - Frame, 5.5 + Frame);
    }
}
