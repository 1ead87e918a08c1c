namespace Pdc.Streaming.Ingest;

/// <summary>One change of a path's state, with why it happened.</summary>
public sealed record ConnectionTransition(DateTimeOffset At, string Path, ConnectionState From, ConnectionState To, string Reason);
