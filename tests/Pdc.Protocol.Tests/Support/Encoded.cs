using System.Buffers;

namespace Pdc.Protocol.Tests.Support;

/// <summary>The bytes that a writer call produces, as an array.</summary>
internal static class Encoded
{
    public static byte[] Bytes(Func<IBufferWriter<byte>, int> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Data(DataFrame frame) => Bytes(w => DataFrameCodec.Write(w, frame));

    public static byte[] Config(ConfigFrame config) =>
        config.Type == FrameType.Config3 ? Bytes(w => ConfigFrameWriter.WriteConfig3(w, config)) : Bytes(w => ConfigFrameWriter.WriteConfig12(w, config));

    /// <summary>Each frame of a byte buffer that holds whole frames back to back (e.g. CFG-3 fragments).</summary>
    public static IReadOnlyList<byte[]> SplitFrames(byte[] bytes)
    {
        var frames = new List<byte[]>();
        for (var offset = 0; offset < bytes.Length;)
        {
            var size = (bytes[offset + 2] << 8) | bytes[offset + 3];
            frames.Add(bytes[offset..(offset + size)]);
            offset += size;
        }

        return frames;
    }
}
