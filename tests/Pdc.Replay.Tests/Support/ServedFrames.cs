using Pdc.Protocol;
using Pdc.Replay.Serving;
using Pdc.Testing;

namespace Pdc.Replay.Tests.Support;

/// <summary>What a C37.118 client received from a served stream: the configs, and each data frame's time, values and bytes.</summary>
internal sealed class ServedFrames
{
    public List<ConfigFrame> Configs { get; } = [];

    public List<byte[]> ConfigBytes { get; } = [];

    public List<(long Time, string Values)> Data { get; } = [];

    public List<byte[]> DataBytes { get; } = [];

    /// <summary>Connects, asks for CFG-2, turns transmission on and reads until <paramref name="count"/> data frames came.</summary>
    public static async Task<ServedFrames> ReceiveAsync(ServedCaptureStream stream, int count, bool withTimestamp = true, TimeSpan? timeout = null)
    {
        using var subscriber = new C37118Subscriber(stream.IdCode);
        await subscriber.ConnectAsync(stream.TcpEndPoint);
        await subscriber.SendAsync(CommandCode.SendConfig2);
        await subscriber.SendAsync(CommandCode.TurnOnTransmission);
        var received = new ServedFrames();
        await subscriber.ReadUntilAsync(frame => received.Add(frame, withTimestamp) < count, timeout ?? TimeSpan.FromSeconds(20));
        Assert.Equal(0, subscriber.Rejections.Total);
        return received;
    }

    /// <summary>Keeps the frame; returns the data frames received so far.</summary>
    public int Add(DecodedFrame frame, bool withTimestamp = true)
    {
        if (frame.Config is { } config)
        {
            Configs.Add(config);
            ConfigBytes.Add(frame.Bytes.ToArray());
        }
        else if (frame.Data is { } data)
        {
            Data.Add((data.Timestamp.ToUnixNanoseconds(data.Config.TimeBase), FrameValues.Of(data, withTimestamp)));
            DataBytes.Add(frame.Bytes.ToArray());
        }

        return Data.Count;
    }
}
