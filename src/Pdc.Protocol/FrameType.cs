namespace Pdc.Protocol;

/// <summary>Frame type, bits 6-4 of the second SYNC byte.</summary>
public enum FrameType : byte
{
    Data = 0,
    Header = 1,
    Config1 = 2,
    Config2 = 3,
    Command = 4,
    Config3 = 5,
}
