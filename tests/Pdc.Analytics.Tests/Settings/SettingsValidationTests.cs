using Pdc.Analytics.FrequencyAndVoltage;
using Pdc.Analytics.Islanding;
using Pdc.Analytics.Oscillations;
using Pdc.Analytics.Overload;

namespace Pdc.Analytics.Tests.Settings;

public class SettingsValidationTests
{
    public static TheoryData<IDetectorSettings> Defaults() =>
    [
        new UflsSettings(),
        new RocofSettings(),
        new FrequencyExcursionSettings(),
        new UvlsSettings { NominalVolts = 1 },
        new OverloadSettings { RatingAmps = 1 },
        new IslandingSettings(),
        new ForcedOscillationSettings(),
        new AmbientModeMeterSettings { Signals = { new SignalSettings { Pmu = "PMU0" } } },
        new RingdownSettings { Signals = { new SignalSettings { Pmu = "PMU0" } } },
    ];

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Defaults_AreValid(IDetectorSettings settings) => Assert.Empty(settings.Validate());

    [Fact]
    public void UflsStagesOutOfOrder_NameTheStage()
    {
        var settings = new UflsSettings
        {
            Stages = { new UflsStageSettings { PickupHz = 58.9 }, new UflsStageSettings { PickupHz = 59.3, LoadSharePercent = 120 } },
        };

        var problems = settings.Validate();
        Assert.Contains(problems, p => p.StartsWith("ufls: Stages[1].PickupHz", StringComparison.Ordinal) && p.Contains("highest pickup down", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("ufls: Stages[1].LoadSharePercent", StringComparison.Ordinal));
    }

    [Fact]
    public void RingdownWithoutSignalsOrWithAnImpossibleOrder_NamesBoth()
    {
        var problems = new RingdownSettings { ModelOrder = 50, DampingTripPercent = 6 }.Validate();

        Assert.Contains(problems, p => p.Contains("Signals is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ModelOrder is 50", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("DampingTripPercent is 6", StringComparison.Ordinal));
    }

    [Fact]
    public void AngleDifferenceWithoutReference_NamesTheSignal()
    {
        var settings = new AmbientModeMeterSettings { Signals = { new SignalSettings { Kind = SignalKind.AngleDifference, Pmu = "PMU0" } } };

        Assert.Contains("ambient-mode-meter: Signals[0].ReferencePmu is empty; an angle difference needs a reference PMU.", settings.Validate());
    }

    [Fact]
    public void OverloadWithoutAnyRating_AndIslandingWithAnEmptyGroup_AreRefused()
    {
        Assert.Contains(new OverloadSettings().Validate(), p => p.StartsWith("overload: RatingAmps", StringComparison.Ordinal));
        Assert.Contains(new IslandingSettings { Groups = { new IslandingGroupSettings { Name = "north" } } }.Validate(), p => p.Contains("Groups[0].Pmus is empty", StringComparison.Ordinal));
        Assert.Contains(new ForcedOscillationSettings { FalseAlarmProbability = 0.5 }.Validate(), p => p.Contains("FalseAlarmProbability is 0.5", StringComparison.Ordinal));
    }

    [Fact]
    public void DetectorBuiltFromBadSettings_Throws()
    {
        var problem = Assert.Throws<ArgumentException>(() => new RocofDetector(new RocofSettings { WindowSeconds = 0 }, new Support.RecordingSink()));
        Assert.Contains("rocof: WindowSeconds is 0", problem.Message, StringComparison.Ordinal);
    }
}
