using System.Net;

namespace Pdc.Simulation.Tests.Support;

/// <summary>Options for simulators that tests start: any free port on 127.0.0.1, a brisk rate, a few PMUs.</summary>
internal static class Loopback
{
    public static SimulatorOptions Options(int pmus = 2, int rate = 50) => new()
    {
        PmuCount = pmus,
        FramesPerSecond = rate,
        Listen = new IPEndPoint(IPAddress.Loopback, 0),
    };
}
