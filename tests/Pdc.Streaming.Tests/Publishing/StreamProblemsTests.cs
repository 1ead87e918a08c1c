using Pdc.Protocol;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;
using Pdc.Testing;

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
    public async Task ThousandsOfDevices_NoDataFrameButAHeaderCutToFit_AndNothingThrown()
    {
        // 5,000 PMUs: a data frame of over 400 KB cannot exist, and the header listing them would pass 65535 bytes.
        var options = new AlignmentOptions { FramesPerSecond = 30 };
        var devices = Enumerable.Range(1, 5000)
            .Select(i => new DeviceSource(PublishingFixture.North() with { IdCode = (ushort)i, StationName = $"SUBSTATION {i:D5}" }, 30, 1_000_000))
            .ToArray();
        var layout = new OutputLayout(options, devices, 1);
        await using var stream = new OutputStream(new OutputStreamOptions { TcpPort = 0, ListenAddress = "127.0.0.1" }, layout, SystemClock.Instance);
        await stream.StartAsync();

        var problems = stream.Snapshot().Problems;
        Assert.Contains(problems, p => p.Contains("over C37.118's 65535", StringComparison.Ordinal));
        using var subscriber = new C37118Subscriber(1);
        await subscriber.ConnectAsync(stream.TcpEndPoint!);
        await subscriber.SendAsync(CommandCode.SendHeader);
        string? header = null;
        await subscriber.ReadUntilAsync(frame => (header = frame.Header?.Text) is null, TimeSpan.FromSeconds(10));

        Assert.InRange(header!.Length, 60_000, ushort.MaxValue - FrameHeader.MinimumFrameSize);
        Assert.StartsWith("Pdc ", header, StringComparison.Ordinal);
        Assert.Matches(@"SUBSTATION \d{5} \(\d+\) and \d+ more$", header);
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
