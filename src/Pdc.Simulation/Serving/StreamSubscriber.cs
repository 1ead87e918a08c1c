namespace Pdc.Simulation.Serving;

/// <summary>
/// One receiver of a stream: a TCP client, or the UDP destination. It has its own transmission state (commands
/// turn it on and off) and its own bounded queue, drained by its own send loop, so one slow receiver never delays
/// the publisher or the others.
/// </summary>
internal abstract class StreamSubscriber(string name, int queueCapacity, SimulatorStatistics statistics, bool started) : IDisposable
{
    private volatile bool transmitting = started;

    /// <summary>"tcp 127.0.0.1:50312" or "udp to 127.0.0.1:4713": names it in the log.</summary>
    public string Name { get; } = name;

    protected SendQueue Queue { get; } = new(queueCapacity);

    public long DroppedDataFrames => Queue.DroppedDataFrames;

    public void TurnOn() => transmitting = true;

    public void TurnOff()
    {
        transmitting = false;
        Queue.ClearData();
    }

    /// <summary>Queues a data frame if transmission is on.</summary>
    public void Offer(byte[] frame)
    {
        if (!transmitting)
        {
            return;
        }

        statistics.AddQueued();
        if (!Queue.EnqueueData(frame))
        {
            statistics.AddSlowClientDrop();
        }
    }

    /// <summary>Drains the queue into <see cref="SendAsync"/> until cancelled or the connection fails.</summary>
    protected async Task SendLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var frame = await Queue.DequeueAsync(cancellationToken).ConfigureAwait(false);
            await SendAsync(frame, cancellationToken).ConfigureAwait(false);
        }
    }

    protected abstract ValueTask SendAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            Queue.Dispose();
        }
    }
}
