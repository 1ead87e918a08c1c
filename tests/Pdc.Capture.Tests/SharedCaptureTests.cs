using Pdc.Capture.Tests.Support;
using Pdc.Testing;

namespace Pdc.Capture.Tests;

/// <summary>The real captures in shared/captures, judged against tshark.</summary>
public class SharedCaptureTests
{
    [Theory]
    [InlineData("C37.118_1PMU_TCP.pcap", CaptureFormat.Pcap)]
    [InlineData("C37.118_1PMU_UDP.pcap", CaptureFormat.Pcap)]
    [InlineData("C37.118_4in1PMU_TCP.pcap", CaptureFormat.Pcap)]
    [InlineData("gsf_framecapture_with_cfg2.pcap", CaptureFormat.PcapNg)]
    [InlineData("gsf_framecapture.PmuCapture", CaptureFormat.RawStream)]
    public void SharedCapture_ReadsToTheEndWithoutError(string fileName, CaptureFormat format)
    {
        var result = ReadResult.Of(SharedFiles.Capture(fileName));
        var inPlace = ReadResult.Of(CaptureFile.Open(File.ReadAllBytes(SharedFiles.Capture(fileName)).AsMemory()));

        Assert.Equal(format, result.Format);
        Assert.Null(result.Error);
        Assert.NotEmpty(result.Payloads);
        Assert.Equal(0, result.Statistics.TcpGaps);
        Assert.Equal(result.Payloads.Select(p => (p.FileOffset, Convert.ToHexString(p.Data))), inPlace.Payloads.Select(p => (p.FileOffset, Convert.ToHexString(p.Data))));
    }

    [Theory]
    [InlineData("C37.118_1PMU_TCP.pcap")]
    [InlineData("C37.118_4in1PMU_TCP.pcap")]
    [InlineData("gsf_framecapture_with_cfg2.pcap")]
    public void SharedCapture_ReassembledTcpStreams_EqualTsharksFollowTcp(string fileName)
    {
        var path = SharedFiles.Capture(fileName);
        var result = ReadResult.Of(path);

        TsharkTcpStream.AssertSameAsOurs(path, result);
    }

    [Fact]
    public void SharedCapture_UdpDatagrams_EqualTsharksUdpPayloadsInOrder()
    {
        var path = SharedFiles.Capture("C37.118_1PMU_UDP.pcap");

        var result = ReadResult.Of(path);

        var expected = Tshark.Fields(path, "frame.number", "udp.payload")
            .Where(row => row.Length == 2 && row[1].Length > 0)
            .Select(row => (long.Parse(row[0]), row[1]))
            .ToList();
        Assert.Equal(expected, result.Payloads.Select(p => (p.PacketNumber, Convert.ToHexStringLower(p.Data))));
    }

    [Theory]
    [InlineData("C37.118_1PMU_TCP.pcap")]
    [InlineData("gsf_framecapture_with_cfg2.pcap")]
    public void SharedCapture_PacketCountsAndTimestamps_EqualTsharks(string fileName)
    {
        var path = SharedFiles.Capture(fileName);

        var result = ReadResult.Of(path);

        var expected = Tshark.Fields(path, "frame.number", "frame.time_epoch", "tcp.len")
            .Where(row => row[2].Length > 0 && row[2] != "0")
            .ToDictionary(row => long.Parse(row[0]), row => row[1]);
        Assert.Equal(expected.Count, result.Payloads.Count);
        Assert.All(result.Payloads, p => Assert.Equal(expected[p.PacketNumber], EpochText(p.TimestampNanoseconds!.Value)));
    }

    private static string EpochText(long nanoseconds) => $"{nanoseconds / 1_000_000_000}.{nanoseconds % 1_000_000_000:D9}";
}
