using System.Net;

namespace Pdc.Simulation.Serving;

/// <summary>Where one simulated stream is served: connect a PDC to <see cref="TcpEndPoint"/> with IDCODE <see cref="IdCode"/>.</summary>
/// <param name="IdCode">The stream's IDCODE, which commands must carry.</param>
/// <param name="PmuIdCodes">The IDCODEs of the PMUs it carries, in order.</param>
/// <param name="TcpEndPoint">The TCP listener, with the port actually bound.</param>
/// <param name="UdpLocalEndPoint">The UDP socket data frames leave from and commands may come to; null without UDP.</param>
/// <param name="UdpDestination">Where data frames go over UDP; null without UDP.</param>
public sealed record ServedStream(
    ushort IdCode,
    IReadOnlyList<ushort> PmuIdCodes,
    IPEndPoint TcpEndPoint,
    IPEndPoint? UdpLocalEndPoint,
    IPEndPoint? UdpDestination);
