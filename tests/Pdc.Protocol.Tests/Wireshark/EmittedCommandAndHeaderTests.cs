using Pdc.Protocol.Tests.Support;

namespace Pdc.Protocol.Tests.Wireshark;

/// <summary>Command and header frames we encode, judged by tshark.</summary>
public sealed class EmittedCommandAndHeaderTests
{
    [Fact]
    public void Commands_EveryCode_TsharkShowsTheCodeAndExtendedData()
    {
        var codes = new[]
        {
            CommandCode.TurnOffTransmission, CommandCode.TurnOnTransmission, CommandCode.SendHeader, CommandCode.SendConfig1,
            CommandCode.SendConfig2, CommandCode.SendConfig3, CommandCode.ExtendedFrame, CommandCode.UserDesignatedFirst, CommandCode.UserDesignatedLast,
        };
        var stream = new EmittedStream();
        foreach (var version in new[] { ProtocolVersion.Ieee2005, ProtocolVersion.Ieee2011 })
        {
            foreach (var code in codes)
            {
                var extended = code == CommandCode.ExtendedFrame ? Enumerable.Range(0, 40).Select(i => (byte)(i * 7)).ToArray() : [];
                var command = new CommandFrame(version, (ushort)(1000 + (int)code), FrameTimestamp.Create(1_600_000_000, (uint)code * 1000, new TimeQuality(0x0F)), code, extended);
                stream.Add(Encoded.Bytes(command.Write), (tshark, ours) =>
                {
                    TsharkHeaderAssert.Matches(tshark, FrameType.Command, version, command.IdCode, command.Timestamp);
                    Expect.Equal((long)code, tshark.Root.Field("synphasor.command").ShowAsInteger, $"packet {tshark.PacketNumber} CMD");
                    Expect.Equal(Convert.ToHexStringLower(extended), tshark.Root.FieldOrNull("synphasor.extended_frame_data")?.Value ?? string.Empty, $"packet {tshark.PacketNumber} EXTFRAME");
                    Assert.NotNull(ours.Command);
                    Assert.Equal(code, ours.Command.Command);
                    Assert.Equal(extended, ours.Command.ExtendedData.ToArray());
                    Assert.Equal(command.Timestamp, ours.Command.Timestamp);
                });
            }
        }

        stream.Verify();
        Assert.Equal(2 * codes.Length, stream.Count);
    }

    [Fact]
    public void HeaderFrame_BothVersions_TsharkShowsTheTextWeEncoded()
    {
        var stream = new EmittedStream();
        foreach (var version in new[] { ProtocolVersion.Ieee2005, ProtocolVersion.Ieee2011 })
        {
            var header = new HeaderFrame(version, 77, FrameTimestamp.Create(1_500_000_000, 123_456), $"PMU at substation 7, firmware 3.{(int)version}; phasors are positive sequence.");
            stream.Add(Encoded.Bytes(header.Write), (tshark, ours) =>
            {
                TsharkHeaderAssert.Matches(tshark, FrameType.Header, version, header.IdCode, header.Timestamp);
                Expect.Equal(Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(header.Text)), tshark.Root.Field("synphasor.data").Value, "header text");
                Assert.Equal(header, ours.Header);
            });
        }

        stream.Verify();
        Assert.Equal(2, stream.Count);
    }
}
