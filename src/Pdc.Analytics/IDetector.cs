using Pdc.Protocol;

namespace Pdc.Analytics;

/// <summary>
/// A streaming detector: reads each aligned frame once, in time order, one frame at a time, keeps what it needs in
/// its own buffers and reports through the <see cref="IDetectorEventSink"/> it was built with.
/// </summary>
public interface IDetector
{
    /// <summary>The instance name from its settings; events carry it.</summary>
    string Name { get; }

    /// <summary>False while some input it watches is stale, invalid or missing from the configuration.</summary>
    bool CanJudge { get; }

    /// <summary>Reads one aligned frame. Allocates nothing unless the configuration changed or an event is raised.</summary>
    void Process(DataFrame frame);
}
