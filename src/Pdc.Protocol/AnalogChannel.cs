namespace Pdc.Protocol;

/// <summary>
/// One analog channel: its name and scaling. CFG-1/2 carry ANUNIT (a type byte: 0 point-on-wave,
/// 1 RMS, 2 peak, 65-255 user-defined, and a signed 24-bit user-defined scaling that this codec does not
/// apply, as Wireshark does not); CFG-3 carries ANSCALE (value = raw × scale + offset for integer analogs).
/// </summary>
public sealed record AnalogChannel
{
    public AnalogChannel(string name, byte type, int scaleFactor)
    {
        Name = name;
        Type = type;
        ScaleFactor = SignExtend24(scaleFactor);
    }

    public AnalogChannel(string name, float scale, float offset)
    {
        Name = name;
        Scale = scale;
        Offset = offset;
        ScaleFactor = (int)Math.Clamp(Math.Round(scale), -0x80_0000, 0x7F_FFFF);
    }

    public string Name { get; init; }

    /// <summary>ANUNIT type: 0 single point-on-wave, 1 RMS, 2 peak, 65-255 user-defined.</summary>
    public byte Type { get; init; }

    /// <summary>ANUNIT signed 24-bit user-defined scaling.</summary>
    public int ScaleFactor { get; init; }

    /// <summary>CFG-3 scale applied to integer analogs (1 when the config came as CFG-1/2).</summary>
    public float Scale { get; init; } = 1f;

    /// <summary>CFG-3 offset added to integer analogs.</summary>
    public float Offset { get; init; }

    private static int SignExtend24(int value) => (value << 8) >> 8;
}
