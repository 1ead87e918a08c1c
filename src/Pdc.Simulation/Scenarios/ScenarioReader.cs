using System.Text.Json;
using Pdc.Simulation.Faults;
using Pdc.Simulation.Scenarios.Events;

namespace Pdc.Simulation.Scenarios;

/// <summary>
/// Reads a scenario file: <c>{ "name", "description", "faults": { ... }, "events": [ { "type": ..., "atSeconds": ... } ] }</c>.
/// PMUs are numbered from 1 as the console lists them; times are seconds from the simulation start. Every
/// field is checked, and the first bad one is reported by its path with what it should hold.
/// </summary>
internal static class ScenarioReader
{
    private const string Pmus = "pmus";
    private const string At = "atSeconds";
    private const string PositiveSeconds = "a number of seconds greater than 0";
    private const string PositiveHertz = "a frequency in Hz greater than 0";

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private static readonly string[] EventTypes =
        ["forcedOscillation", "ringdown", "islanding", "generatorTrip", "feederOverload", "voltageSag", "configChange", "faults"];

    public static Scenario Read(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            throw new ScenarioException($"{source}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }

        using (document)
        {
            var root = new FieldReader(document.RootElement, source, "scenario");
            var name = root.OptionalString("name", "a string", _ => true) ?? System.IO.Path.GetFileNameWithoutExtension(source);
            var description = root.OptionalString("description", "a string", _ => true) ?? string.Empty;
            var events = new List<ScenarioEvent>();
            if (root.Optional("faults") is { } faults)
            {
                var reader = new FieldReader(faults, source, "faults");
                events.Add(ReadFaults(reader, 0));
            }

            if (root.Optional("events") is { } list)
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw root.Error("events", "an array of events [ { \"type\": ..., \"atSeconds\": ... } ]", list);
                }

                var index = 0;
                foreach (var item in list.EnumerateArray())
                {
                    events.Add(ReadEvent(new FieldReader(item, source, $"events[{index++}]")));
                }
            }

            root.RejectUnknown();
            return new Scenario(name, description, events);
        }
    }

    private static ScenarioEvent ReadEvent(FieldReader e)
    {
        var type = e.OptionalString("type", $"one of {string.Join(", ", EventTypes)}", EventTypes.Contains)
            ?? throw e.Missing("type", $"one of {string.Join(", ", EventTypes)}");
        var at = e.RequiredNumber(At, "a time in seconds from the simulation start, 0 or more", t => t >= 0);
        ScenarioEvent result = type switch
        {
            "forcedOscillation" => new ForcedOscillation(
                at,
                e.OptionalNumber("durationSeconds", PositiveSeconds, d => d > 0) ?? double.PositiveInfinity,
                e.RequiredNumber("frequencyHz", PositiveHertz, f => f is > 0 and <= 50),
                e.RequiredNumber("amplitudeHz", "a frequency amplitude in Hz, greater than 0 and at most 5", a => a is > 0 and <= 5),
                CurrentAmplitude(e),
                Participants(e)),
            "ringdown" => new Ringdown(
                at,
                e.RequiredNumber("frequencyHz", PositiveHertz, f => f is > 0 and <= 50),
                e.RequiredNumber("dampingRatio", "a damping ratio, 0 or more and less than 1 (0.05 is 5 %)", z => z is >= 0 and < 1),
                e.RequiredNumber("amplitudeHz", "a frequency amplitude in Hz, greater than 0 and at most 5", a => a is > 0 and <= 5),
                CurrentAmplitude(e),
                Participants(e)),
            "islanding" => new Islanding(
                at,
                PmuNumbers(e, required: true),
                e.RequiredNumber("frequencyOffsetHz", "the island's frequency offset from the grid in Hz, not 0, at most ±5", f => f != 0 && Math.Abs(f) <= 5),
                e.OptionalNumber("timeConstantSeconds", PositiveSeconds, t => t > 0) ?? 2),
            "generatorTrip" => ReadGeneratorTrip(e, at),
            "feederOverload" => new FeederOverload(
                at,
                PmuNumbers(e, required: true),
                e.RequiredNumber("factor", "the final current as a multiple of the normal one, greater than 0 and at most 3", f => f is > 0 and <= 3),
                e.OptionalNumber("rampSeconds", "a number of seconds, 0 or more", r => r >= 0) ?? 30,
                e.OptionalNumber("durationSeconds", PositiveSeconds, d => d > 0) ?? double.PositiveInfinity),
            "voltageSag" => new VoltageSag(
                at,
                PmuNumbers(e, required: true),
                e.RequiredNumber("depthPercent", "the voltage drop in percent, greater than 0 and at most 100", d => d is > 0 and <= 100),
                e.RequiredNumber("durationSeconds", PositiveSeconds, d => d > 0),
                e.OptionalString("phases", "phase letters such as \"ABC\" or \"A\"", IsPhaseList) ?? "ABC"),
            "configChange" => new ConfigChange(at, PmuNumbers(e, required: false)),
            _ => ReadFaults(e, at),
        };
        e.RejectUnknown();
        result.Origin = $"{e.Source}: {e.Path} ({type})";
        return result;
    }

    private static GeneratorTrip ReadGeneratorTrip(FieldReader e, double at)
    {
        var dip = e.RequiredNumber("dipHz", "the settled frequency deviation in Hz, not 0, at most ±5 (negative for a loss of generation)", d => d != 0 && Math.Abs(d) <= 5);
        var rocof = e.RequiredNumber(
            "rocofHzPerSecond",
            $"the initial ROCOF in Hz/s, not 0, at most ±10, with the sign of dipHz ({(dip < 0 ? "negative" : "positive")})",
            r => r != 0 && Math.Abs(r) <= 10 && Math.Sign(r) == Math.Sign(dip));
        var recovery = e.OptionalNumber("recoverySeconds", PositiveSeconds, r => r > 0) ?? 60;
        var natural = e.OptionalNumber("naturalFrequencyHz", "the system's frequency-response swing in Hz, greater than 0 and at most 2", f => f is > 0 and <= 2) ?? 0.1;
        var damping = e.OptionalNumber("dampingRatio", "a damping ratio greater than 0 and less than 1", z => z is > 0 and < 1) ?? 0.3;
        var pmu = e.OptionalNumber("pmu", "the number of the tripped generator's PMU, a whole number from 1", IsPmuNumber);
        return new GeneratorTrip(at, dip, rocof, recovery, natural, damping, pmu is { } p ? (int)p - 1 : null);
    }

    private static FaultChange ReadFaults(FieldReader e, double at)
    {
        const string Percent = "a percentage, 0-100";
        var patch = new FaultPatch
        {
            DropPercent = e.OptionalNumber("dropPercent", Percent, IsPercent),
            DuplicatePercent = e.OptionalNumber("duplicatePercent", Percent, IsPercent),
            ReorderPercent = e.OptionalNumber("reorderPercent", Percent, IsPercent),
            BadCrcPercent = e.OptionalNumber("badCrcPercent", Percent, IsPercent),
            JitterMilliseconds = e.OptionalNumber("jitterMilliseconds", "a number of milliseconds, 0 or more", j => j >= 0),
            ClockOffsetMilliseconds = e.OptionalNumber("clockOffsetMilliseconds", "a number of milliseconds (negative: the PMU's clock is behind)", double.IsFinite),
            TimeQualityCode = (byte?)e.OptionalNumber("timeQualityCode", "a FRACSEC time-quality code, a whole number 0-15", q => q is >= 0 and <= 15 && q == Math.Floor(q)),
            SyncError = e.OptionalBoolean("syncError"),
            DisconnectEverySeconds = e.OptionalNumber("disconnectEverySeconds", "a number of seconds, 0 (never) or more", d => d >= 0),
        };
        var change = new FaultChange(at, PmuNumbers(e, required: false), patch);
        e.RejectUnknown();
        change.Origin = $"{e.Source}: {e.Path} (faults)";
        return change;
    }

    private static double CurrentAmplitude(FieldReader e) =>
        e.OptionalNumber("currentAmplitudePercent", "the current magnitude's swing in percent, 0-100", IsPercent) ?? 0;

    /// <summary>"pmus": [1, 2] (0-based on return); empty (meaning all PMUs) when optional and absent.</summary>
    private static int[] PmuNumbers(FieldReader e, bool required)
    {
        const string Expected = "an array of PMU numbers counted from 1, such as [1, 2]";
        if (e.Optional(Pmus) is not { } list)
        {
            return required ? throw e.Missing(Pmus, Expected) : [];
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw e.Error(Pmus, Expected, list);
        }

        var numbers = new List<int>();
        foreach (var item in list.EnumerateArray())
        {
            var path = $"{Pmus}[{numbers.Count}]";
            numbers.Add(PmuIndex(e, path, item, numbers));
        }

        return [.. numbers];
    }

    /// <summary>"pmus": [1, {"pmu": 2, "phaseDegrees": 180, "gain": 0.5}]: plain numbers take part with phase 0 and gain 1.</summary>
    private static PmuParticipation[] Participants(FieldReader e)
    {
        const string Expected = "an array of PMU numbers or of { \"pmu\": 1, \"phaseDegrees\": 0, \"gain\": 1 }";
        if (e.Optional(Pmus) is not { } list)
        {
            throw e.Missing(Pmus, Expected);
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw e.Error(Pmus, Expected, list);
        }

        var taken = new List<int>();
        var participants = new List<PmuParticipation>();
        foreach (var item in list.EnumerateArray())
        {
            var path = $"{Pmus}[{taken.Count}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                participants.Add(new PmuParticipation(PmuIndex(e, path, item, taken), 0, 1));
                taken.Add(participants[^1].Pmu);
                continue;
            }

            var shape = new FieldReader(item, e.Source, $"{e.Path}.{path}");
            var pmu = shape.Optional("pmu") ?? throw shape.Missing("pmu", "a PMU number counted from 1");
            var index = PmuIndex(shape, "pmu", pmu, taken);
            var phase = shape.OptionalNumber("phaseDegrees", "the PMU's phase in the mode shape, in degrees", double.IsFinite) ?? 0;
            var gain = shape.OptionalNumber("gain", "the PMU's relative amplitude, 0 or more", g => g >= 0 && double.IsFinite(g)) ?? 1;
            shape.RejectUnknown();
            participants.Add(new PmuParticipation(index, phase * Math.PI / 180, gain));
            taken.Add(index);
        }

        return [.. participants];
    }

    private static int PmuIndex(FieldReader e, string path, JsonElement item, List<int> taken)
    {
        if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var number) || !IsPmuNumber(number))
        {
            throw e.Error(path, "a PMU number, a whole number from 1", item);
        }

        var index = (int)number - 1;
        return taken.Contains(index) ? throw e.Error(path, "each PMU listed once", item) : index;
    }

    private static bool IsPmuNumber(double value) => value >= 1 && value <= ushort.MaxValue && value == Math.Floor(value);

    private static bool IsPercent(double value) => value is >= 0 and <= 100;

    private static bool IsPhaseList(string phases) =>
        phases.Length is >= 1 and <= 3 && phases.All(c => c is 'A' or 'B' or 'C') && phases.Distinct().Count() == phases.Length;
}
