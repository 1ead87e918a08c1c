using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Pdc.Protocol.Tests.Support;

namespace Pdc.Protocol.Tests.Properties;

/// <summary>Every frame type survives decoding and re-encoding bit for bit, whatever its formats and values.</summary>
public sealed class RoundTripPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(300);

    [Fact]
    public void DataFrame_RandomConfigAndRawValues_ReencodesToTheSameBytes()
    {
        var cases = from config in ProtocolGen.AnyConfig
                    from seed in Gen.Choose(int.MinValue, int.MaxValue)
                    select (config, seed);
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var bytes = RawDataFrame.Build(c.config, new Random(c.seed));
            var frame = new DataFrame(c.config);
            Assert.Equal(FrameRejection.None, DataFrameCodec.TryDecode(bytes, frame));
            Assert.Equal(bytes, Encoded.Data(frame));
        }));
    }

    [Fact]
    public void ConfigFrame12_Random_ReencodesToTheSameBytes()
    {
        Check.One(Runs, Prop.ForAll(ProtocolGen.Config12.ToArbitrary(), config =>
        {
            var bytes = Encoded.Config(config);
            Assert.Equal(FrameRejection.None, ConfigFrameReader.TryRead(bytes, out var read));
            Assert.Equal(config.Type, read!.Type);
            Assert.Equal(bytes, Encoded.Config(read));
        }));
    }

    [Fact]
    public void ConfigFrame3_RandomInAnyFragmentSize_ReassemblesToTheSameBytes()
    {
        var cases = from config in ProtocolGen.Config3
                    from maxFrameSize in Gen.Choose(FrameHeader.MinimumFrameSize + 3, 3000)
                    select (config, maxFrameSize);
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var whole = Encoded.Config(c.config);
            var fragments = Encoded.SplitFrames(Encoded.Bytes(w => ConfigFrameWriter.WriteConfig3(w, c.config, c.maxFrameSize)));
            var assembler = new Config3Assembler();
            ConfigFrame? read = null;
            foreach (var fragment in fragments)
            {
                Assert.True(fragment.Length <= c.maxFrameSize);
                Assert.True(ReferenceCrc.IsValid(fragment));
                Assert.Null(read);
                Assert.Equal(FrameRejection.None, assembler.Add(fragment, out read));
            }

            Assert.NotNull(read);
            Assert.Equal(whole, Encoded.Config(read));
        }));
    }

    [Fact]
    public void CommandFrame_RandomCodeAndExtendedData_RoundTrips()
    {
        var cases = from version in ProtocolGen.Version
                    from idCode in ProtocolGen.UInt16
                    from timestamp in ProtocolGen.Timestamp
                    from code in ProtocolGen.UInt16
                    from extended in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()
                    select new CommandFrame(version, idCode, timestamp, (CommandCode)code, extended);
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), command =>
        {
            var bytes = Encoded.Bytes(command.Write);
            Assert.True(ReferenceCrc.IsValid(bytes));
            var read = CommandFrame.Read(bytes);
            Assert.NotNull(read);
            Assert.Equal((command.Version, command.IdCode, command.Timestamp, command.Command), (read.Version, read.IdCode, read.Timestamp, read.Command));
            Assert.Equal(command.ExtendedData.ToArray(), read.ExtendedData.ToArray());
            Assert.Equal(bytes, Encoded.Bytes(read.Write));
        }));
    }

    [Fact]
    public void HeaderFrame_RandomLatin1Text_RoundTrips()
    {
        var cases = from version in ProtocolGen.Version
                    from idCode in ProtocolGen.UInt16
                    from timestamp in ProtocolGen.Timestamp
                    from text in Gen.Choose(0, 255).Select(c => (char)c).ArrayOf()
                    select new HeaderFrame(version, idCode, timestamp, new string(text));
        Check.One(Runs, Prop.ForAll(cases.ToArbitrary(), header =>
        {
            var bytes = Encoded.Bytes(header.Write);
            Assert.True(ReferenceCrc.IsValid(bytes));
            Assert.Equal(header, HeaderFrame.Read(bytes));
        }));
    }
}
