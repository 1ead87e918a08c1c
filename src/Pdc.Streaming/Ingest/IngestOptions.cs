namespace Pdc.Streaming.Ingest;

/// <summary>The ingest's settings: its inputs, and how often it checks them. Bindable from configuration.</summary>
public sealed class IngestOptions
{
    public IList<InputOptions> Inputs { get; } = [];

    /// <summary>How often silence and fail-back are checked (one timer for all inputs).</summary>
    public TimeSpan WatchdogInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a connection to a listener may take to send its first whole frame.</summary>
    public TimeSpan IdentifyTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
