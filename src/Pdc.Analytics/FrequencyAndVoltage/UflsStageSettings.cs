namespace Pdc.Analytics.FrequencyAndVoltage;

/// <summary>One under-frequency load-shedding stage: shed <see cref="LoadSharePercent"/> of the load when frequency stays at or below <see cref="PickupHz"/> for <see cref="DelaySeconds"/>.</summary>
public sealed class UflsStageSettings
{
    public double PickupHz { get; set; }

    public double DelaySeconds { get; set; } = 0.2;

    public double LoadSharePercent { get; set; } = 10;

    /// <summary>
    /// The default stages: 59.3, 58.9 and 58.5 Hz on 60 Hz systems; 49.0, 48.7 and 48.4 Hz on 50 Hz systems
    /// (ENTSO-E's first stage at 49.0 Hz, then 0.3 Hz steps); each 0.2 s and 10 % of the load.
    /// </summary>
    public static IList<UflsStageSettings> DefaultsFor(double nominalHz)
    {
        double[] pickups = nominalHz < 55 ? [49.0, 48.7, 48.4] : [59.3, 58.9, 58.5];
        var stages = new List<UflsStageSettings>(pickups.Length);
        foreach (var pickup in pickups)
        {
            stages.Add(new UflsStageSettings { PickupHz = pickup });
        }

        return stages;
    }
}
