namespace Pdc.Capture.Tests;

public class CaptureWriterTests
{
    [Fact]
    public void PcapNgWriter_PacketForAnInterfaceNotAdded_Rejected()
    {
        using var writer = new PcapNgWriter(new MemoryStream());
        writer.AddInterface(LinkType.Ethernet);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePacket(1, 0, new byte[4]));
    }

    [Fact]
    public void PcapNgWriter_TimeTooLargeForTheResolution_Rejected()
    {
        using var writer = new PcapNgWriter(new MemoryStream());
        var id = writer.AddInterface(LinkType.Ethernet, timestampResolution: 0x80 | 40);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePacket(id, 1_700_000_000_000_000_000, new byte[4]));
    }

    [Fact]
    public void PcapNgWriter_NegativeTime_Rejected()
    {
        using var writer = new PcapNgWriter(new MemoryStream());
        var id = writer.AddInterface(LinkType.Ethernet);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePacket(id, -1, new byte[4]));
    }

    [Fact]
    public void PcapNgWriter_OriginalLengthShorterThanTheBytes_Rejected()
    {
        using var writer = new PcapNgWriter(new MemoryStream());
        var id = writer.AddInterface(LinkType.Ethernet);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePacket(id, 0, new byte[4], 3));
    }

    [Fact]
    public void PcapWriter_TimeBeyondTheYear2106_Rejected()
    {
        using var writer = new PcapWriter(new MemoryStream(), LinkType.Ethernet);

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.WritePacket((uint.MaxValue + 1L) * 1_000_000_000, new byte[4]));
    }

    [Fact]
    public void ReaderOptions_NegativeBufferLimit_Rejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new CaptureReaderOptions { MaxOutOfOrderBytesPerFlow = -1 });
}
