namespace Pdc.Streaming.Publishing;

/// <summary>One output stream since it started, as of the moment the snapshot was taken.</summary>
public sealed record OutputStreamStatistics
{
    public required string Name { get; init; }

    public required ushort IdCode { get; init; }

    /// <summary>Aligned frames handed to <see cref="OutputStream.Publish"/>.</summary>
    public required long FramesOffered { get; init; }

    /// <summary>Data frames serialized (once each, whatever the number of subscribers).</summary>
    public required long FramesSerialized { get; init; }

    public required long BytesSerialized { get; init; }

    /// <summary>Frames at this stream's rate that nobody was receiving, so were not serialized.</summary>
    public required long FramesUnheard { get; init; }

    /// <summary>Aligned frames of an older layout arriving after a newer one; dropped, as the stream's config has moved on.</summary>
    public required long FramesOfOldLayout { get; init; }

    /// <summary>Times the stream's config changed (each bumped CFGCNT and set STAT bit 10 for a minute).</summary>
    public required long ConfigChanges { get; init; }

    /// <summary>TCP connections refused because <see cref="OutputStreamOptions.MaxSubscribers"/> were connected.</summary>
    public required long ConnectionsRefused { get; init; }

    /// <summary>Frame buffers allocated since the start; it stops growing once the pool covers the queues in use.</summary>
    public required long BuffersAllocated { get; init; }

    /// <summary>What keeps the stream's config from matching its options (a rate that does not divide, a channel not found).</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    public required IReadOnlyList<SubscriberStatistics> Subscribers { get; init; }
}
