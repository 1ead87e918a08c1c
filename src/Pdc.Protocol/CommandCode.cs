namespace Pdc.Protocol;

/// <summary>CMD values of a command frame.</summary>
public enum CommandCode : ushort
{
    TurnOffTransmission = 1,
    TurnOnTransmission = 2,
    SendHeader = 3,
    SendConfig1 = 4,
    SendConfig2 = 5,

    /// <summary>2011 only.</summary>
    SendConfig3 = 6,

    /// <summary>The command carries EXTFRAME data after CMD.</summary>
    ExtendedFrame = 8,

    /// <summary>First of the user-designated codes (0x100-0xFFF).</summary>
    UserDesignatedFirst = 0x100,

    /// <summary>Last of the user-designated codes.</summary>
    UserDesignatedLast = 0xFFF,
}
