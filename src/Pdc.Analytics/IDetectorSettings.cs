namespace Pdc.Analytics;

/// <summary>
/// The settings of one detector instance: plain properties with sane defaults (bindable from JSON), a check
/// that names every bad setting, and the factory for the detector they describe.
/// </summary>
public interface IDetectorSettings
{
    string Name { get; }

    /// <summary>One message per bad setting, naming it ("ufls: Stages[1].DelaySeconds is -1; ..."); empty when all are good.</summary>
    IReadOnlyList<string> Validate();

    /// <summary>Builds the detector; throws <see cref="ArgumentException"/> listing the problems when the settings are invalid.</summary>
    IDetector CreateDetector(IDetectorEventSink sink);
}
