using Pdc.Capture;
using Pdc.Protocol;
using Pdc.Testing;

namespace Pdc.Replay.Tests.Support;

/// <summary>A capture's data frames decoded straight from the file: the reference that served or replayed values must match.</summary>
internal static class DirectDecode
{
    /// <summary>Each data frame's values (see <see cref="FrameValues"/>) in capture order, with its time in nanoseconds.</summary>
    public static List<(long Time, string Values)> DataFrames(string path, bool withTimestamp = true)
    {
        var frames = new List<(long, string)>();
        using var reader = CaptureFile.Open(path);
        new CaptureStreamDecoder().Run(reader, (_, _, frame) =>
        {
            if (frame.Data is { } data)
            {
                frames.Add((data.Timestamp.ToUnixNanoseconds(data.Config.TimeBase), FrameValues.Of(data, withTimestamp)));
            }
        });
        Assert.Null(reader.Error);
        return frames;
    }

    /// <summary>The bytes of every CFG-2 in the capture, in order.</summary>
    public static List<byte[]> Config2Frames(string path)
    {
        var configs = new List<byte[]>();
        using var reader = CaptureFile.Open(path);
        new CaptureStreamDecoder().Run(reader, (_, _, frame) =>
        {
            if (frame.Config is { Type: FrameType.Config2 })
            {
                configs.Add(frame.Bytes.ToArray());
            }
        });
        return configs;
    }
}
