using System.Buffers;
using Pdc.Testing;

namespace Pdc.Protocol.Tests.Support;

/// <summary>
/// Frames that we encode, judged twice: written to a pcap (one UDP datagram each, in order) for tshark, and
/// concatenated into one byte stream for our <see cref="StreamDecoder"/>. <see cref="Verify"/> runs tshark once
/// and hands each frame's tshark dissection and our decoding to the check registered with it.
/// </summary>
internal sealed class EmittedStream
{
    private readonly UdpPcapWriter pcap = new();
    private readonly ArrayBufferWriter<byte> stream = new();
    private readonly List<FrameCheck> checks = [];

    public delegate void FrameCheck(PdmlFrame tshark, DecodedFrame ours);

    public int Count => checks.Count;

    public void Add(ReadOnlySpan<byte> frame, FrameCheck check)
    {
        pcap.Add(frame);
        stream.Write(frame);
        checks.Add(check);
    }

    /// <summary>A CFG-1/2 or unfragmented CFG-3: tshark shows what we encoded, and we decode what we encoded.</summary>
    public void AddConfig(ConfigFrame config)
    {
        var bytes = Encoded.Config(config);
        Add(bytes, (tshark, ours) =>
        {
            Assert.NotNull(ours.Config);
            Assert.Equal(bytes, Encoded.Config(ours.Config));
            TsharkConfigAssert.Matches(tshark, config);
        });
    }

    /// <summary>A data frame: we decode exactly what we encoded, and tshark shows those values.</summary>
    public void AddData(DataFrame frame)
    {
        Add(Encoded.Data(frame), (tshark, ours) =>
        {
            Assert.NotNull(ours.Data);
            DataFrameAssert.Equal(frame, ours.Data);
            TsharkDataAssert.Matches(tshark, ours.Data);
        });
    }

    public void Verify()
    {
        var path = pcap.SaveToTempFile();
        IReadOnlyList<PdmlFrame> dissected;
        try
        {
            dissected = Tshark.ReadPdml(path);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal(checks.Count, dissected.Count);
        var decoder = new StreamDecoder();
        var buffer = new ReadOnlySequence<byte>(stream.WrittenMemory);
        for (var i = 0; i < checks.Count; i++)
        {
            var status = decoder.TryReadFrame(ref buffer, out var frame);
            Assert.True(status == FrameReadStatus.Frame, $"frame {i + 1}: {status} ({frame.Rejection})");
            checks[i](dissected[i], frame);
        }

        Assert.True(buffer.IsEmpty);
        Assert.Equal(0, decoder.Rejections.Total);
    }
}
