using System.IO.Pipelines;
using Pdc.Protocol;

namespace Pdc.Streaming.Ingest;

/// <summary>Commands written to a connection's output pipe; one at a time, since the handshake and a config refresh may overlap.</summary>
internal sealed class PipeCommandChannel : ICommandChannel, IDisposable
{
    private readonly PipeWriter output;
    private readonly SemaphoreSlim gate = new(1, 1);

    public PipeCommandChannel(PipeWriter output)
    {
        this.output = output;
    }

    public async ValueTask SendAsync(CommandFrame command, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            command.Write(output);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
