using Pdc.Streaming.Alignment;

namespace Pdc.Streaming.Tests.Alignment;

/// <summary>An output with a bug: throws on every frame.</summary>
internal sealed class Faulty : IAlignedFrameConsumer
{
    public void Publish(AlignedFrame frame) => throw new InvalidOperationException("broken output");
}
