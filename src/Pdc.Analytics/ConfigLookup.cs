using Pdc.Protocol;

namespace Pdc.Analytics;

/// <summary>Resolves the PMU and channel names in settings to indices in a configuration's flat arrays.</summary>
internal static class ConfigLookup
{
    /// <summary>STAT bits 15-14 (data error): set means the PMU's values must not be used.</summary>
    private const ushort DataErrorBits = Stat.DataInvalidBit | Stat.PmuErrorBit;

    public static bool IsValid(ushort stat) => (stat & DataErrorBits) == 0;

    public static string StationName(ConfigFrame config, int pmu) => config.Pmus[pmu].StationName.Trim();

    /// <summary>The PMU whose station name (ignoring case and padding) or IDCODE is <paramref name="key"/>, or −1.</summary>
    public static int FindPmu(ConfigFrame config, string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return -1;
        }

        var name = key.Trim();
        for (var i = 0; i < config.Pmus.Count; i++)
        {
            if (string.Equals(config.Pmus[i].StationName.Trim(), name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        if (ushort.TryParse(name, out var idCode))
        {
            for (var i = 0; i < config.Pmus.Count; i++)
            {
                if (config.Pmus[i].IdCode == idCode)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>Index in <see cref="DataFrame.Phasors"/> of the PMU's first phasor.</summary>
    public static int PhasorStart(ConfigFrame config, int pmu)
    {
        var start = 0;
        for (var i = 0; i < pmu; i++)
        {
            start += config.Pmus[i].Phasors.Count;
        }

        return start;
    }

    /// <summary>
    /// Index in <see cref="DataFrame.Phasors"/> of the PMU's phasor named <paramref name="name"/>, or of its first
    /// phasor of <paramref name="kind"/> when no name is given; −1 when there is none.
    /// </summary>
    public static int FindPhasor(ConfigFrame config, int pmu, string? name, PhasorKind kind)
    {
        var channels = config.Pmus[pmu].Phasors;
        var start = PhasorStart(config, pmu);
        var wanted = name?.Trim();
        for (var i = 0; i < channels.Count; i++)
        {
            var matches = string.IsNullOrEmpty(wanted)
                ? channels[i].Kind == kind
                : string.Equals(channels[i].Name.Trim(), wanted, StringComparison.OrdinalIgnoreCase);
            if (matches)
            {
                return start + i;
            }
        }

        return -1;
    }

    /// <summary>The PMUs named in <paramref name="keys"/>, or every PMU when there are none; names not found go to <paramref name="missing"/>.</summary>
    public static int[] SelectPmus(ConfigFrame config, IEnumerable<string> keys, ICollection<string> missing)
    {
        var selected = new List<int>();
        foreach (var key in keys)
        {
            var index = FindPmu(config, key);
            if (index < 0)
            {
                missing.Add(key);
            }
            else if (!selected.Contains(index))
            {
                selected.Add(index);
            }
        }

        if (selected.Count == 0 && missing.Count == 0)
        {
            for (var i = 0; i < config.Pmus.Count; i++)
            {
                selected.Add(i);
            }
        }

        return [.. selected];
    }

    public static string[] StationNames(ConfigFrame config, ReadOnlySpan<int> pmus)
    {
        var names = new string[pmus.Length];
        for (var i = 0; i < pmus.Length; i++)
        {
            names[i] = StationName(config, pmus[i]);
        }

        return names;
    }
}
