namespace Pdc.Analytics.Islanding;

/// <summary>PMUs that island together (one substation, one distribution area).</summary>
public sealed class IslandingGroupSettings
{
    public string Name { get; set; } = "";

    /// <summary>Station names or IDCODEs.</summary>
    public IList<string> Pmus { get; set; } = [];
}
