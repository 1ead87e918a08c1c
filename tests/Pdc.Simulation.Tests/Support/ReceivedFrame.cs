using Pdc.Protocol;

namespace Pdc.Simulation.Tests.Support;

/// <summary>A frame a test client received: its bytes (a copy), its header, and what the decoder made of it.</summary>
internal sealed record ReceivedFrame(FrameHeader Header, byte[] Bytes, FrameRejection Rejection, ConfigFrame? Config, HeaderFrame? HeaderText)
{
    public FrameType Type => Header.Type;

    public FrameTimestamp Timestamp => Header.Timestamp;
}
