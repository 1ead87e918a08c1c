using System.Buffers;
using Pdc.Protocol;

namespace Pdc.Simulation.Serving;

/// <summary>Picks the command frames out of what a client sends; anything else, or damaged, is skipped.</summary>
internal sealed class CommandReader
{
    private readonly FrameReader reader = new();

    /// <summary>Reads every whole frame in <paramref name="buffer"/>, leaving it at the start of an incomplete one.</summary>
    public void Read(ref ReadOnlySequence<byte> buffer, List<CommandFrame> commands)
    {
        while (true)
        {
            var status = reader.TryReadFrame(ref buffer, out var raw);
            if (status == FrameReadStatus.NeedMoreData)
            {
                return;
            }

            if (status == FrameReadStatus.Frame && raw.Header.Type == FrameType.Command && CommandFrame.Read(raw.Bytes) is { } command)
            {
                commands.Add(command);
            }
        }
    }
}
