using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>Where a path sends its commands: the TCP connection's write side, or datagrams to the device.</summary>
internal interface ICommandChannel
{
    ValueTask SendAsync(CommandFrame command, CancellationToken cancellationToken);
}
