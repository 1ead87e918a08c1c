using System.Globalization;
using Pdc.Simulation.Scenarios.Events;

namespace Pdc.Simulation.Scenarios;

/// <summary>
/// What happens to the simulated grid, and when: oscillations, ringdowns, islanding, generator trips, overloads,
/// voltage sags, configuration changes and faults, at seconds from the simulation start. Read from a JSON file
/// (<see cref="Load"/>, by path or by the name of a ready one in <c>Scenarios/</c>) or text (<see cref="Parse"/>).
/// </summary>
public sealed class Scenario
{
    internal Scenario(string name, string description, IEnumerable<ScenarioEvent> events)
    {
        Name = name;
        Description = description;
        Events = events.OrderBy(e => e.AtSeconds).ToArray();
    }

    /// <summary>Steady operation: wander and noise only.</summary>
    public static Scenario Quiet { get; } = new("quiet", "Steady operation: frequency wander and measurement noise only.", []);

    public string Name { get; }

    public string Description { get; }

    /// <summary>The folder holding the ready scenarios, beside the program.</summary>
    public static string ReadyFolder => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    /// <summary>The names of the ready scenarios (demo, islanding, ...), loadable by <see cref="Load"/>.</summary>
    public static IReadOnlyList<string> ReadyNames =>
        Directory.Exists(ReadyFolder)
            ? Directory.EnumerateFiles(ReadyFolder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>"10 s: forced oscillation 0.8 Hz ...": one line per event, in time order.</summary>
    public IReadOnlyList<string> Timeline =>
        Events.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.AtSeconds:0.###} s: {e.Describe()}")).ToArray();

    /// <summary>How many PMUs the simulation needs for every PMU this scenario names to exist.</summary>
    public int RequiredPmuCount => Events.SelectMany(e => e.NamedPmus).Select(p => p + 1).DefaultIfEmpty(0).Max();

    internal IReadOnlyList<ScenarioEvent> Events { get; }

    /// <summary>Reads a scenario from JSON text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="ScenarioException">The text is not a valid scenario; the message names the field.</exception>
    public static Scenario Parse(string json, string source = "scenario")
    {
        ArgumentNullException.ThrowIfNull(json);
        return ScenarioReader.Read(json, source);
    }

    /// <summary>Loads a scenario file by path, or a ready one by name (<c>islanding</c>, <c>demo</c>...).</summary>
    /// <exception cref="ScenarioException">No such file or ready scenario, or the file is not a valid scenario.</exception>
    public static Scenario Load(string nameOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        var path = File.Exists(nameOrPath) ? nameOrPath : Path.Combine(ReadyFolder, nameOrPath + ".json");
        if (!File.Exists(path))
        {
            var ready = ReadyNames;
            throw new ScenarioException(
                $"No scenario file {nameOrPath}, and no ready scenario of that name; the ready ones are: {(ready.Count == 0 ? "(none found in " + ReadyFolder + ")" : string.Join(", ", ready))}.");
        }

        return Parse(File.ReadAllText(path), Path.GetFileName(path));
    }

    /// <summary>This scenario plus a configuration change of every PMU at <paramref name="atSeconds"/> (one more phasor, CFGCNT + 1).</summary>
    public Scenario WithConfigChange(double atSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(atSeconds);
        return new Scenario(Name, Description, Events.Append(new ConfigChange(atSeconds, []) { Origin = "the configuration-change option" }));
    }

    /// <summary>Fails when an event names a PMU beyond <paramref name="pmuCount"/>.</summary>
    internal void CheckPmus(int pmuCount)
    {
        foreach (var e in Events)
        {
            if (e.NamedPmus.FirstOrDefault(p => p >= pmuCount, -1) is var pmu and >= 0)
            {
                throw new ScenarioException($"{e.Origin} names PMU {pmu + 1}, but the simulation has {pmuCount} PMU{(pmuCount == 1 ? string.Empty : "s")}; simulate at least {RequiredPmuCount}.");
            }
        }
    }
}
