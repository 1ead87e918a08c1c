using Pdc.Protocol;

namespace Pdc.Analytics;

/// <summary>
/// Runs a configured set of detectors on each aligned frame, in order, on the calling thread; their events go
/// to <see cref="Events"/>, where subscribers (an event log, the actions layer) attach.
/// </summary>
public sealed class DetectorPipeline
{
    private readonly IDetector[] detectors;

    /// <summary>Builds every detector the settings list; throws <see cref="ArgumentException"/> naming each bad setting.</summary>
    public DetectorPipeline(DetectorPipelineSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid detector settings: " + string.Join(" ", problems), nameof(settings));
        }

        detectors = [.. settings.All().Select(s => s.CreateDetector(Events))];
    }

    public DetectorEventHub Events { get; } = new();

    public IReadOnlyList<IDetector> Detectors => detectors;

    /// <summary>The detector named <paramref name="name"/>, or null.</summary>
    public IDetector? Find(string name) => Array.Find(detectors, d => d.Name == name);

    public void Process(DataFrame frame)
    {
        foreach (var detector in detectors)
        {
            detector.Process(frame);
        }
    }
}
