namespace Pdc.Streaming.Ingest;

/// <summary>An immutable snapshot of the whole ingest, e.g. for a status page.</summary>
public sealed record IngestStatistics(DateTimeOffset At, IReadOnlyList<InputStatistics> Inputs, IReadOnlyList<ListenerStatistics> Listeners)
{
    /// <summary>The input named <paramref name="name"/>; fails when there is none.</summary>
    public InputStatistics Input(string name) =>
        Inputs.FirstOrDefault(i => i.Name == name) ?? throw new KeyNotFoundException($"No input named \"{name}\".");
}
