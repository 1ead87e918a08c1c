using Pdc.Testing;

namespace Pdc.Protocol.Tests.Support;

/// <summary>Checks the fields every frame starts with, and that tshark found CHK correct.</summary>
internal static class TsharkHeaderAssert
{
    public static void Matches(PdmlFrame tshark, FrameType type, ProtocolVersion version, int idCode, FrameTimestamp timestamp)
    {
        var at = $"packet {tshark.PacketNumber}";
        Assert.True(tshark.ChecksumGood, $"{at}: tshark says CHK is wrong");
        Assert.EndsWith("[correct]", tshark.Root.ShowName, StringComparison.Ordinal);
        Expect.Equal((int)type, tshark.FrameType, $"{at} frame type");
        Expect.Equal((int)version, tshark.Version, $"{at} version");
        Expect.Equal(idCode, tshark.IdCode, $"{at} IDCODE");
        Expect.Equal(timestamp.Soc, tshark.Soc, $"{at} SOC");
        Expect.Equal(timestamp.FractionOfSecond, tshark.FractionOfSecond, $"{at} FRACSEC");
        Expect.Equal(timestamp.TimeQuality.Value, tshark.TimeQuality, $"{at} time quality");
    }
}
