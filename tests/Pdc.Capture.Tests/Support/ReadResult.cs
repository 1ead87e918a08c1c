namespace Pdc.Capture.Tests.Support;

/// <summary>Everything a reader gave for one capture, with payload bytes copied out of its reused buffers.</summary>
internal sealed record ReadResult(CaptureFormat Format, IReadOnlyList<ReadPayload> Payloads, CaptureError? Error, CaptureStatistics Statistics)
{
    public static ReadResult Of(byte[] capture, CaptureReaderOptions? options = null) =>
        Of(CaptureFile.Open(new MemoryStream(capture), options: options));

    public static ReadResult Of(string path) => Of(CaptureFile.Open(path));

    public static ReadResult Of(CaptureReader reader)
    {
        using (reader)
        {
            var payloads = reader.ReadPayloads()
                .Select(p => new ReadPayload(p.Flow, p.TimestampNanoseconds, p.Data.ToArray(), p.GapBytesBefore, p.InterfaceId, p.PacketNumber, p.FileOffset))
                .ToList();
            return new ReadResult(reader.Format, payloads, reader.Error, reader.Statistics);
        }
    }

    /// <summary>The bytes of one flow, payloads joined in delivery order.</summary>
    public byte[] StreamOf(FlowKey flow) => [.. Payloads.Where(p => p.Flow == flow).SelectMany(p => p.Data)];

    public IReadOnlyList<FlowKey> Flows => [.. Payloads.Select(p => p.Flow).Distinct()];
}
