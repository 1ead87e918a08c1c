namespace Pdc.Simulation.Serving;

/// <summary>What a running simulator has done so far, over all its streams; safe to read while it runs.</summary>
public sealed class SimulatorStatistics
{
    private long dataFrames;
    private long framesQueued;
    private long slowClientDrops;
    private long faultDrops;
    private long faultDuplicates;
    private long faultReorders;
    private long faultBadCrcs;
    private long clientsAccepted;
    private long commands;
    private long faultDisconnects;

    /// <summary>Data frames built, one per stream per report instant.</summary>
    public long DataFrames => Interlocked.Read(ref dataFrames);

    /// <summary>Data frames handed to started clients (TCP or UDP), after faults.</summary>
    public long FramesQueued => Interlocked.Read(ref framesQueued);

    /// <summary>Data frames dropped because a client read too slowly and its queue was full.</summary>
    public long SlowClientDrops => Interlocked.Read(ref slowClientDrops);

    public long FaultDrops => Interlocked.Read(ref faultDrops);

    public long FaultDuplicates => Interlocked.Read(ref faultDuplicates);

    public long FaultReorders => Interlocked.Read(ref faultReorders);

    public long FaultBadCrcs => Interlocked.Read(ref faultBadCrcs);

    /// <summary>Clients closed by the disconnect-every fault.</summary>
    public long FaultDisconnects => Interlocked.Read(ref faultDisconnects);

    public long ClientsAccepted => Interlocked.Read(ref clientsAccepted);

    /// <summary>Command frames received, over TCP and UDP.</summary>
    public long Commands => Interlocked.Read(ref commands);

    internal void AddDataFrame() => Interlocked.Increment(ref dataFrames);

    internal void AddQueued() => Interlocked.Increment(ref framesQueued);

    internal void AddSlowClientDrop() => Interlocked.Increment(ref slowClientDrops);

    internal void AddFaultDrop() => Interlocked.Increment(ref faultDrops);

    internal void AddFaultDuplicate() => Interlocked.Increment(ref faultDuplicates);

    internal void AddFaultReorder() => Interlocked.Increment(ref faultReorders);

    internal void AddFaultBadCrc() => Interlocked.Increment(ref faultBadCrcs);

    internal void AddFaultDisconnect() => Interlocked.Increment(ref faultDisconnects);

    internal void AddClient() => Interlocked.Increment(ref clientsAccepted);

    internal void AddCommand() => Interlocked.Increment(ref commands);
}
