namespace Pdc.Replay.Tests.Serving;

/// <summary>
/// Tests whose clients must keep pace with a served capture run alone: on a 2-core machine, other tests' CPU-bound
/// work can starve the thread pool for the better part of a second, which a paced client sees as its own slowness.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PacedServingCollection
{
    public const string Name = "paced serving";
}
