using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;

namespace Pdc.Streaming.Tests.Ingest;

public sealed class InputOptionsTests
{
    [Fact]
    public void Validate_TcpClientWithoutRemoteHost_NamesTheInputAndTheSetting()
    {
        var input = TestStreams.Input("feeder 7", 7, new EndpointOptions { Mode = ConnectionMode.TcpClient, RemotePort = 4712 });

        var error = Assert.Throws<InvalidOperationException>(input.Validate);

        Assert.Contains("\"feeder 7\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("RemoteHost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoEndpoints_IsRefused() =>
        Assert.Throws<InvalidOperationException>(new InputOptions { Name = "x", IdCode = 1 }.Validate);

    [Fact]
    public void SilenceTimeout_IsTheConfiguredFramePeriodsButNeverBelowTheMinimum()
    {
        var input = new InputOptions { SilentFramePeriods = 10, MinimumSilence = TimeSpan.FromMilliseconds(250) };

        Assert.Equal(TimeSpan.FromSeconds(1), input.SilenceTimeout(10));
        Assert.Equal(TimeSpan.FromMilliseconds(250), input.SilenceTimeout(120));
    }

    [Fact]
    public void IngestService_TwoInputsWithOneName_IsRefused()
    {
        var options = TestStreams.Ingest(TestStreams.Input("same", 1, TestStreams.Udp()), TestStreams.Input("same", 2, TestStreams.Udp()));

        var error = Assert.Throws<InvalidOperationException>(() => new IngestService(options, new RecordingSink()));

        Assert.Contains("\"same\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestService_TwoInputsWaitingForOneIdCodeOnOneListener_FailsToStart()
    {
        await using var ingest = new IngestService(
            TestStreams.Ingest(TestStreams.Input("a", 5, TestStreams.TcpListener()), TestStreams.Input("b", 5, TestStreams.TcpListener())),
            new RecordingSink());

        var error = Assert.Throws<InvalidOperationException>(ingest.Start);

        Assert.Contains("IDCODE 5", error.Message, StringComparison.Ordinal);
    }
}
