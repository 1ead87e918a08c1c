namespace Pdc.Protocol;

/// <summary>
/// The time-quality byte carried in the top 8 bits of FRACSEC: leap-second flags and the
/// message time quality code (0 = locked to UTC, 0xF = clock failure).
/// </summary>
public readonly record struct TimeQuality(byte Value)
{
    /// <summary>Bit 6: the pending or last leap second is a deletion (1) or an addition (0).</summary>
    public bool LeapSecondDirectionDelete => (Value & 0x40) != 0;

    /// <summary>Bit 5: a leap second occurred in the last 24 hours.</summary>
    public bool LeapSecondOccurred => (Value & 0x20) != 0;

    /// <summary>Bit 4: a leap second will occur within about a minute.</summary>
    public bool LeapSecondPending => (Value & 0x10) != 0;

    /// <summary>Bits 3-0: 0 locked; 1..0xB unlocked with time within 10^(code-10) s; 0xF clock failure.</summary>
    public byte Code => (byte)(Value & 0x0F);

    /// <summary>True when the source says its time is not traceable to UTC.</summary>
    public bool IsDegraded => Code != 0;

    public static TimeQuality FromFracSec(uint fracSecWord) => new((byte)(fracSecWord >> 24));

    public override string ToString() => $"0x{Value:X2}";
}
