using System.Runtime;

namespace Pdc.Protocol.Tests.Support;

/// <summary>
/// Keeps the garbage collector out of a measured section. A collection started by another thread (a test running
/// in parallel) makes GC.GetAllocatedBytesForCurrentThread of this one drift by a few dozen bytes, which would
/// turn a zero-allocation check flaky.
/// </summary>
internal sealed class NoGcRegion : IDisposable
{
    private const long Budget = 4 * 1024 * 1024;

    private NoGcRegion()
    {
    }

    public static NoGcRegion Enter()
    {
        Assert.True(GC.TryStartNoGCRegion(Budget), "could not suspend the GC for the measurement");
        return new NoGcRegion();
    }

    public void Dispose()
    {
        if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }
    }
}
