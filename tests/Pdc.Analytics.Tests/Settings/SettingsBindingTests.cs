using System.Text.Json;
using System.Text.Json.Serialization;
using Pdc.Analytics.Islanding;

namespace Pdc.Analytics.Tests.Settings;

public class SettingsBindingTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new JsonStringEnumConverter() } };

    private const string Json = """
        {
          "Ufls": [ { "Name": "ufls-east", "Pmus": [ "PMU0", "101" ], "Stages": [ { "PickupHz": 59.5, "DelaySeconds": 0.1, "LoadSharePercent": 5 } ] } ],
          "Islanding": [ { "Groups": [ { "Name": "north", "Pmus": [ "PMU0" ] } ], "InertiaWeights": { "PMU1": 4.5 }, "FrequencyDeviationHz": 0.2 } ],
          "Ringdown": [ { "Signals": [ { "Kind": "AngleDifference", "Pmu": "PMU0", "ReferencePmu": "PMU1" } ], "WindowSeconds": 15 } ],
          "Overload": [ { "Lines": [ { "Pmu": "PMU0", "Channel": "I1", "RatingAmps": 800 } ], "ThermalReplica": true } ]
        }
        """;

    [Fact]
    public void PipelineSettings_BindFromJson_AndBuildThePipeline()
    {
        var settings = JsonSerializer.Deserialize<DetectorPipelineSettings>(Json, Options)!;

        Assert.Empty(settings.Validate());
        Assert.Equal(59.5, settings.Ufls[0].Stages[0].PickupHz);
        Assert.Equal(["PMU0", "101"], settings.Ufls[0].Pmus);
        Assert.Equal(4.5, settings.Islanding[0].InertiaWeights["PMU1"]);
        Assert.Equal(SignalKind.AngleDifference, settings.Ringdown[0].Signals[0].Kind);
        Assert.True(settings.Overload[0].ThermalReplica);
        var pipeline = new DetectorPipeline(settings);
        Assert.Equal(["ufls-east", "overload", "islanding", "ringdown"], pipeline.Detectors.Select(d => d.Name));
        Assert.IsType<IslandingDetector>(pipeline.Find("islanding"));
    }
}
