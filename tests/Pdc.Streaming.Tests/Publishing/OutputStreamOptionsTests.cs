using Pdc.Streaming.Publishing;
using Pdc.Streaming.Tests.Publishing.Support;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Tests.Publishing;

public sealed class OutputStreamOptionsTests
{
    [Fact]
    public void Defaults_WithATcpPort_AreValid() => Assert.Empty(new OutputStreamOptions { TcpPort = 4712 }.Validate());

    [Theory]
    [InlineData(nameof(OutputStreamOptions.IdCode))]
    [InlineData(nameof(OutputStreamOptions.FramesPerSecond))]
    [InlineData(nameof(OutputStreamOptions.VoltageScale))]
    [InlineData(nameof(OutputStreamOptions.ListenAddress))]
    [InlineData(nameof(OutputStreamOptions.UdpDestinations))]
    [InlineData(nameof(OutputStreamOptions.UdpWaitsForTurnOn))]
    [InlineData(nameof(OutputStreamOptions.SubscriberQueueFrames))]
    [InlineData(nameof(OutputStreamOptions.Devices))]
    public void BadSetting_MessageNamesItAndWhatIsExpected(string setting)
    {
        var options = new OutputStreamOptions { TcpPort = 4712 };
        switch (setting)
        {
            case nameof(OutputStreamOptions.IdCode): options.IdCode = 0; break;
            case nameof(OutputStreamOptions.FramesPerSecond): options.FramesPerSecond = 500; break;
            case nameof(OutputStreamOptions.VoltageScale): options.VoltageScale = 1000f; break;
            case nameof(OutputStreamOptions.ListenAddress): options.ListenAddress = "localhost"; break;
            case nameof(OutputStreamOptions.UdpDestinations): options.UdpDestinations = ["239.1.2.3"]; break;
            case nameof(OutputStreamOptions.UdpWaitsForTurnOn): options.UdpWaitsForTurnOn = true; break;
            case nameof(OutputStreamOptions.SubscriberQueueFrames): options.SubscriberQueueFrames = 0; break;
            default: options.Devices = [new OutputDeviceOptions { IdCode = 5 }, new OutputDeviceOptions { IdCode = 5 }]; break;
        }

        var message = Assert.Single(options.Validate());

        Assert.StartsWith(setting, message, StringComparison.Ordinal);
        Assert.Contains("expected", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoOutputAtAll_IsRefusedByTheStream()
    {
        var options = new OutputStreamOptions { Name = "nowhere" };

        var error = Assert.Throws<ArgumentException>(() => new OutputStream(options, new PublishingFixture().Layout, SystemClock.Instance));

        Assert.Contains("\"nowhere\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("Neither TcpPort nor UdpDestinations", error.Message, StringComparison.Ordinal);
    }
}
