namespace Pdc.Streaming.Ingest;

/// <summary>The input's delivering path changed (fail-over, fail-back, first healthy path, none left), and why.</summary>
public sealed record ActivePathChange(DateTimeOffset At, string? From, string? To, string Reason);
