using System.Net;

namespace Pdc.Replay.Serving;

/// <summary>One stream of a capture served live: connect to <see cref="TcpEndPoint"/> and command IDCODE <see cref="IdCode"/>.</summary>
/// <param name="IdCode">The IDCODE its data frames carry (commands may also name its config's IDCODE).</param>
/// <param name="Pmus">Station name and IDCODE of each PMU it carries, as its first config describes them.</param>
/// <param name="TcpEndPoint">The listener, with the port actually bound.</param>
/// <param name="DataFrames">Data frames in one pass through the capture.</param>
/// <param name="Source">The flow the capture saw it on.</param>
public sealed record ServedCaptureStream(
    ushort IdCode,
    IReadOnlyList<(string StationName, ushort IdCode)> Pmus,
    IPEndPoint TcpEndPoint,
    int DataFrames,
    string Source);
