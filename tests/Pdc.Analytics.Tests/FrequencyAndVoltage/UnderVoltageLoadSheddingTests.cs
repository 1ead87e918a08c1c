using Pdc.Analytics.FrequencyAndVoltage;
using Pdc.Analytics.Tests.Support;

namespace Pdc.Analytics.Tests.FrequencyAndVoltage;

public class UnderVoltageLoadSheddingTests
{
    private const int FramesPerSecond = 30;
    private const double Frame = 1.0 / FramesPerSecond;
    private const float Nominal = 132_790;

    [Fact]
    public void SustainedLowVoltage_TripsAfterTheDelay_AndResetsAboveTheResetLevel()
    {
        // PMU1 at 0.85 pu from 1 s to 6 s, then 0.93 pu (above pickup, below reset) until 9 s, then 0.97 pu.
        var sink = new RecordingSink();
        var uvls = new UnderVoltageLoadShedding(new UvlsSettings { NominalVolts = Nominal }, sink);
        Run(uvls, 13, t => t < 1 ? 1.0 : t < 6 ? 0.85 : t < 9 ? 0.93 : 0.97);

        var trip = Assert.Single(sink.Started(DetectorEventType.UnderVoltageLoadShedding));
        Assert.Equal("PMU1.V", trip.Subject);
        Assert.InRange(RecordingSink.SecondsOf(trip), 4 - Frame, 4 + Frame);
        Assert.Equal(0.85, trip.Value("voltage_pu"), 1e-4);
        var reset = Assert.Single(sink.Ended(DetectorEventType.UnderVoltageLoadShedding));
        Assert.InRange(RecordingSink.SecondsOf(reset), 11 - Frame, 11 + Frame);
    }

    [Fact]
    public void SagShorterThanTheDelay_DoesNotTrip()
    {
        var sink = new RecordingSink();
        var uvls = new UnderVoltageLoadShedding(new UvlsSettings { NominalVolts = Nominal }, sink);
        Run(uvls, 6, t => t is >= 1 and < 3 ? 0.8 : 1.0);

        Assert.Empty(sink.Events);
    }

    [Fact]
    public void ListedVoltage_UsesItsOwnBase()
    {
        var sink = new RecordingSink();
        var settings = new UvlsSettings { Voltages = { new VoltageChannelSettings { Pmu = "101", Channel = "V", NominalVolts = Nominal * 2 } } };
        var uvls = new UnderVoltageLoadShedding(settings, sink);
        Run(uvls, 5, _ => 1.0);

        var trip = Assert.Single(sink.Started(DetectorEventType.UnderVoltageLoadShedding));
        Assert.Equal(0.5, trip.Value("voltage_pu"), 1e-4);
    }

    private static void Run(UnderVoltageLoadShedding detector, double seconds, Func<double, double> perUnit)
    {
        var grid = new TestGrid(2, FramesPerSecond);
        for (var k = 0; k < seconds * FramesPerSecond; k++)
        {
            var t = grid.Time;
            grid.Next();
            grid.SetVoltage(0, Nominal, 0);
            grid.SetVoltage(1, (float)(Nominal * perUnit(t)), 0);
            detector.Process(grid.Frame);
        }
    }
}
