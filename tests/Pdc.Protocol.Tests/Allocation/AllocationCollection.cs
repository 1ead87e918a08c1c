namespace Pdc.Protocol.Tests.Allocation;

/// <summary>Allocation measurements run alone, after the parallel tests, so that no other test's work lands in them.</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;
