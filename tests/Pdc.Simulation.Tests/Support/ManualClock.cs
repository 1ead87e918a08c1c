using Pdc.Simulation.Time;

namespace Pdc.Simulation.Tests.Support;

/// <summary>A clock that moves only when the test says: report instants come exactly when it is advanced past them.</summary>
internal sealed class ManualClock(long startUnixNanoseconds) : ISimulatorClock
{
    private readonly Lock gate = new();
    private readonly List<(long At, TaskCompletionSource Due)> waiting = [];
    private long now = startUnixNanoseconds;

    public long UtcNowNanoseconds => Interlocked.Read(ref now);

    /// <summary>How many waits are pending: the simulator's loops park here between instants.</summary>
    public int Waiting
    {
        get
        {
            lock (gate)
            {
                return waiting.Count;
            }
        }
    }

    public ValueTask DelayUntilAsync(long unixNanoseconds, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (unixNanoseconds <= now)
            {
                return ValueTask.CompletedTask;
            }

            var due = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiting.Add((unixNanoseconds, due));
            cancellationToken.Register(() => due.TrySetCanceled(cancellationToken));
            return new ValueTask(due.Task);
        }
    }

    public void Advance(long nanoseconds)
    {
        List<TaskCompletionSource> released;
        lock (gate)
        {
            now += nanoseconds;
            released = waiting.Where(w => w.At <= now).Select(w => w.Due).ToList();
            waiting.RemoveAll(w => w.At <= now);
        }

        foreach (var due in released)
        {
            due.TrySetResult();
        }
    }
}
