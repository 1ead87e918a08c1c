using Pdc.Protocol;

namespace Pdc.Streaming.Publishing;

/// <summary>
/// The CFGCNT of each PMU block of one output stream. The standard keeps the count per PMU, so a block's count moves
/// when its own config (as this stream sends it) changes; when blocks are added, removed or reordered, every block
/// moves, so that a receiver watching any of them notices that the frame layout changed.
/// </summary>
internal sealed class ConfigChangeCounts
{
    private readonly Dictionary<ushort, ushort> counts = [];

    /// <summary>
    /// Stamps each of <paramref name="blocks"/> with its CFGCNT and says which changed since <paramref name="previous"/>
    /// (nothing did when there is no previous config: the first one is no change).
    /// </summary>
    public bool[] Assign(PmuConfig[] blocks, IReadOnlyList<PmuConfig>? previous)
    {
        var changed = new bool[blocks.Length];
        var restructured = previous is not null && !previous.Select(p => p.IdCode).SequenceEqual(blocks.Select(b => b.IdCode));
        for (var i = 0; i < blocks.Length; i++)
        {
            var idCode = blocks[i].IdCode;
            var before = previous?.FirstOrDefault(p => p.IdCode == idCode);
            changed[i] = previous is not null && (restructured || before is null || !Same(before, blocks[i]));
            var count = counts.GetValueOrDefault(idCode);
            if (changed[i])
            {
                count = unchecked((ushort)(count + 1));
            }

            counts[idCode] = count;
            blocks[i] = blocks[i] with { ConfigChangeCount = count };
        }

        return changed;
    }

    /// <summary>Equal in everything a receiver reads, CFGCNT aside (the record's own equality compares the channel lists by reference).</summary>
    private static bool Same(PmuConfig a, PmuConfig b) =>
        a.StationName == b.StationName
        && a.IdCode == b.IdCode
        && a.Format == b.Format
        && a.NominalFrequency == b.NominalFrequency
        && a.GlobalPmuId == b.GlobalPmuId
        && a.Latitude.Equals(b.Latitude)
        && a.Longitude.Equals(b.Longitude)
        && a.Elevation.Equals(b.Elevation)
        && a.ServiceClass == b.ServiceClass
        && a.Window == b.Window
        && a.GroupDelay == b.GroupDelay
        && a.Phasors.SequenceEqual(b.Phasors)
        && a.Analogs.SequenceEqual(b.Analogs)
        && a.Digitals.Count == b.Digitals.Count
        && a.Digitals.Zip(b.Digitals).All(d =>
            d.First.NormalStatus == d.Second.NormalStatus
            && d.First.ValidInputs == d.Second.ValidInputs
            && d.First.Labels.SequenceEqual(d.Second.Labels));
}
