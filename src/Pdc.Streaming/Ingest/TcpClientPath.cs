namespace Pdc.Streaming.Ingest;

/// <summary>Pdc connects to the device's TCP server, commands it and reads its frames; reconnects with back-off.</summary>
internal sealed class TcpClientPath : InputPath
{
    public TcpClientPath(Input input, EndpointOptions endpoint, int priority)
        : base(input, endpoint, priority)
    {
    }

    public override async Task RunAsync(CancellationToken stopping)
    {
        await RunReconnectingAsync(Counters, stopping).ConfigureAwait(false);
        SetState(ConnectionState.Stopped, "stopped");
    }
}
