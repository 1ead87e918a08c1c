using Pdc.Protocol;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Tests.Ingest.Support;

namespace Pdc.Streaming.Tests.Ingest;

public sealed class ReportSequenceTests
{
    [Fact]
    public void Gaps_CountAsMissing_AndALateFrameFillsItsGap()
    {
        var sequence = new ReportSequence();
        foreach (var index in new long[] { 100, 101, 104, 105 })
        {
            Assert.True(sequence.Accept(index));
        }

        Assert.Equal(2, sequence.Missing);
        Assert.True(sequence.Accept(102));

        Assert.Equal(1, sequence.Missing);
        Assert.Equal(1, sequence.OutOfOrder);
        Assert.Equal(0, sequence.Duplicates);
    }

    [Fact]
    public void RepeatedInstant_IsADuplicate_WhetherNewestOrOlder()
    {
        var sequence = new ReportSequence();
        Assert.True(sequence.Accept(10));
        Assert.True(sequence.Accept(11));

        Assert.False(sequence.Accept(11));
        Assert.False(sequence.Accept(10));
        Assert.Equal(2, sequence.Duplicates);
        Assert.Equal(0, sequence.OutOfOrder);
    }

    [Fact]
    public void InstantOlderThanTheWindow_RestartsTheSequence()
    {
        var sequence = new ReportSequence();
        sequence.Accept(50_000);

        Assert.True(sequence.Accept(50_000 - ReportSequence.Window));
        Assert.True(sequence.Accept(50_001 - ReportSequence.Window));

        Assert.Equal(1, sequence.OutOfOrder);
        Assert.Equal(0, sequence.Missing);
    }

    [Fact]
    public void JumpBeyondTheWindow_ForgetsTheOldInstants()
    {
        var sequence = new ReportSequence();
        sequence.Accept(1);
        sequence.Accept(1 + (3 * ReportSequence.Window));

        Assert.True(sequence.Accept(1 + (3 * ReportSequence.Window) - 1), "an instant never seen, not a stale bit");
        Assert.Equal((3 * ReportSequence.Window) - 2, sequence.Missing);
    }

    [Theory]
    [InlineData(30, 1_000_000)]
    [InlineData(60, 16_777_215)]
    [InlineData(50, 1_000)]
    public void IndexOf_RoundTripsEveryInstantOfASecond(short rate, uint timeBase)
    {
        var config = new ConfigFrame(FrameType.Config2, ProtocolVersion.Ieee2005, 1, default, timeBase, TestStreams.Config(1).Pmus, rate);
        for (long index = 60_000; index < 60_000 + (2 * rate); index++)
        {
            var fraction = (((index % rate) * timeBase) + (rate / 2)) / rate;
            var timestamp = FrameTimestamp.Create((uint)(index / rate), (uint)fraction);
            Assert.Equal(index, ReportSequence.IndexOf(timestamp, config));
        }
    }
}
