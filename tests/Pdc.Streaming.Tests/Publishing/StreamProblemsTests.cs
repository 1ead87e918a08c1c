using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing;

/// <summary>What keeps a stream from matching its options is reported, not thrown on the publication loop.</summary>
public sealed class StreamProblemsTests
{
    [Fact]
    public async Task RateThatDoesNotDivideTheConcentrators_ReportedAndNothingSent()
    {
        var fixture = new PublishingFixture();
        await using var stream = new OutputStream(new OutputStreamOptions { TcpPort = 0, FramesPerSecond = 7 }, fixture.Layout, SystemClock.Instance);

        fixture.Run(30, stream);

        var statistics = stream.Snapshot();
        Assert.Contains(statistics.Problems, p => p.Contains("FramesPerSecond 7", StringComparison.Ordinal) && p.Contains("30", StringComparison.Ordinal));
        Assert.Equal(30, statistics.FramesOffered);
        Assert.Equal(0, statistics.FramesUnheard + statistics.FramesSerialized);
    }

    [Fact]
    public async Task SelectedDeviceOrChannelNotAligned_ReportedAndTheRestCarried()
    {
        var fixture = new PublishingFixture();
        var options = new OutputStreamOptions
        {
            TcpPort = 0,
            Devices =
            [
                new OutputDeviceOptions { IdCode = 99 },
                new OutputDeviceOptions { IdCode = PublishingFixture.EastId, Channels = ["VA", "VZ"] },
            ],
        };
        await using var stream = new OutputStream(options, fixture.Layout, SystemClock.Instance);

        Assert.Equal(2, stream.Snapshot().Problems.Count);
        Assert.Contains(stream.Snapshot().Problems, p => p.StartsWith("Device 99 ", StringComparison.Ordinal));
        Assert.Contains(stream.Snapshot().Problems, p => p.Contains("\"VZ\"", StringComparison.Ordinal));
        Assert.Equal(["VA"], stream.Config.Pmus.Single().Phasors.Select(c => c.Name));
    }
}
