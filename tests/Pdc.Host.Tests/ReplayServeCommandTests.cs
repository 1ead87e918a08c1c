using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Pdc.Protocol;
using Pdc.Testing;

namespace Pdc.Host.Tests;

public sealed partial class ReplayServeCommandTests
{
    [Fact]
    public async Task ReplayServe_PrintsEachStreamsPort_AndServesItRestampedToNow_WithGoodChecksums()
    {
        using var pdc = BackgroundPdc.Start("replay", SharedFiles.Capture("C37.118_1PMU_UDP.pcap"), "--serve", "127.0.0.1:0", "--speed", "max", "--restamp", "--duration", "00:01:00");
        var line = await pdc.WaitForLineAsync(l => l.Contains("IDCODE 60", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Contains("PMU1 (61)", line, StringComparison.Ordinal);
        var port = int.Parse(ServedPort().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);

        using var subscriber = new C37118Subscriber(60);
        await subscriber.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await subscriber.SendAsync(CommandCode.SendConfig2);
        await subscriber.SendAsync(CommandCode.TurnOnTransmission);
        var times = new List<DateTime>();
        await subscriber.ReadUntilAsync(
            frame =>
            {
                if (frame.Data is { } data)
                {
                    times.Add(data.Timestamp.ToDateTime(data.Config.TimeBase));
                }

                return times.Count < 356;
            },
            TimeSpan.FromSeconds(30));

        Assert.Equal(0, subscriber.Rejections.Total);
        Assert.InRange(times[0], DateTime.UtcNow.AddSeconds(-30), DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(TimeSpan.FromMilliseconds(355 * 20), times[^1] - times[0]);
    }

    [Theory]
    [InlineData("--speed", "fast", "--speed takes a positive number")]
    [InlineData("--serve", "127.0.0.1", "--serve takes ADDRESS:PORT")]
    public void ReplayServe_WithABadOption_FailsAndNamesIt(string option, string value, string message)
    {
        string[] arguments = option == "--serve" ? ["--serve", value] : ["--serve", "127.0.0.1:0", option, value];
        var (exit, _, stderr) = PdcProcess.Run(["replay", SharedFiles.Capture("C37.118_1PMU_UDP.pcap"), .. arguments]);

        Assert.Equal(1, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ServingOptionsWithoutServe_FailAndSayWhatTheyGoWith()
    {
        var (exit, _, stderr) = PdcProcess.Run("replay", SharedFiles.Capture("C37.118_1PMU_UDP.pcap"), "--demo", "--restamp");

        Assert.Equal(1, exit);
        Assert.Contains("go with --serve", stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"tcp 127\.0\.0\.1:(\d+)")]
    private static partial Regex ServedPort();
}
