using System.Buffers;
using Pdc.Protocol;
using Pdc.Streaming.Recording;
using Pdc.Streaming.Time;

namespace Pdc.Streaming.Ingest;

/// <summary>A command channel whose commands a recorder sees once sent (pdc run --record-sent).</summary>
internal sealed class RecordingCommandChannel(ICommandChannel inner, ITrafficRecorder recorder, TrafficConnection traffic, IClock clock) : ICommandChannel
{
    public async ValueTask SendAsync(CommandFrame command, CancellationToken cancellationToken)
    {
        await inner.SendAsync(command, cancellationToken).ConfigureAwait(false);

        // Commands are a handful per connection: encoding one again costs nothing that matters.
        var bytes = new ArrayBufferWriter<byte>(command.Size);
        command.Write(bytes);
        recorder.Sent(traffic, clock.UtcNowNanoseconds, bytes.WrittenSpan);
    }
}
