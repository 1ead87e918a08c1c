using System.Net;

namespace Pdc.Streaming.Ingest;

/// <summary>A snapshot of one TCP listener shared by the inputs that wait for their devices on it.</summary>
public sealed record ListenerStatistics(
    IPEndPoint Endpoint,
    long Accepted,
    long Identified,
    int Unidentified,
    IReadOnlyDictionary<ListenerRefusal, long> Refusals)
{
    public long Refused(ListenerRefusal reason) => Refusals.GetValueOrDefault(reason);
}
