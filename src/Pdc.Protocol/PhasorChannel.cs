namespace Pdc.Protocol;

/// <summary>Whether a phasor measures a voltage or a current (PHUNIT high byte, or bit 3 of the CFG-3 type byte).</summary>
public enum PhasorKind : byte
{
    Voltage = 0,
    Current = 1,
}

/// <summary>
/// One phasor channel of a PMU: its name (CHNAM) and scaling. CFG-1/2 carry PHUNIT (an unsigned 24-bit
/// factor in 10^-5 V or A per bit); CFG-3 carries PHSCALE (flags, a float scale and an angle adjustment).
/// Both forms are kept so that a config read in one form can be written in the other.
/// </summary>
public sealed record PhasorChannel
{
    public PhasorChannel(string name, PhasorKind kind, uint conversionFactor)
    {
        Name = name;
        Kind = kind;
        ConversionFactor = conversionFactor & 0x00FF_FFFF;
        Scale = (float)(ConversionFactor * 1e-5);
    }

    public PhasorChannel(string name, PhasorKind kind, float scale, float angleOffset)
    {
        Name = name;
        Kind = kind;
        Scale = scale;
        AngleOffset = angleOffset;
        ConversionFactor = (uint)Math.Clamp(Math.Round(scale * 1e5), 0, 0x00FF_FFFF);
    }

    public string Name { get; init; }

    public PhasorKind Kind { get; init; }

    /// <summary>PHUNIT factor, 10^-5 V or A per bit of an integer phasor.</summary>
    public uint ConversionFactor { get; init; }

    /// <summary>Engineering units (V or A) per bit of an integer phasor.</summary>
    public float Scale { get; init; }

    /// <summary>CFG-3 angle adjustment in radians; receivers subtract it from the measured angle.</summary>
    public float AngleOffset { get; init; }

    /// <summary>CFG-3 modification flags (upsampled, downsampled, filtered, calibrated, pseudo-phasor...).</summary>
    public ushort ModificationFlags { get; init; }

    /// <summary>CFG-3 component in bits 2-0 of the type byte: 0 zero, 1 positive, 2 negative sequence, 4-6 phase A-C.</summary>
    public byte Component { get; init; }

    /// <summary>CFG-3 byte left to the user.</summary>
    public byte UserFlags { get; init; }
}
