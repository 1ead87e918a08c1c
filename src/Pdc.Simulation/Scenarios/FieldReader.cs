using System.Text.Json;

namespace Pdc.Simulation.Scenarios;

/// <summary>
/// Reads the fields of one JSON object of a scenario, so that every error names the field by its path
/// (<c>islanding.json: events[1].frequencyOffsetHz</c>) and says what was expected. Fields it was not asked
/// for are errors too (<see cref="RejectUnknown"/>): a misspelt field must not silently do nothing.
/// </summary>
internal sealed class FieldReader
{
    private readonly JsonElement element;
    private readonly List<string> known = [];

    public FieldReader(JsonElement element, string source, string path)
    {
        Source = source;
        Path = path;
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new ScenarioException($"{source}: {path}: expected a JSON object {{ ... }}, got {Show(element)}.");
        }

        this.element = element;
    }

    public string Source { get; }

    public string Path { get; }

    public JsonElement? Optional(string name)
    {
        known.Add(name);
        return element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
    }

    public double? OptionalNumber(string name, string expected, Func<double, bool> isValid)
    {
        if (Optional(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !isValid(number))
        {
            throw Error(name, expected, value);
        }

        return number;
    }

    public double RequiredNumber(string name, string expected, Func<double, bool> isValid) =>
        OptionalNumber(name, expected, isValid) ?? throw Missing(name, expected);

    public string? OptionalString(string name, string expected, Func<string, bool> isValid)
    {
        if (Optional(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String || !isValid(value.GetString()!))
        {
            throw Error(name, expected, value);
        }

        return value.GetString();
    }

    public bool? OptionalBoolean(string name)
    {
        if (Optional(name) is not { } value)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(name, "true or false", value),
        };
    }

    public ScenarioException Missing(string name, string expected) =>
        new($"{Source}: {Path}: the field \"{name}\" is missing; expected {expected}.");

    public ScenarioException Error(string name, string expected, JsonElement value) =>
        new($"{Source}: {Path}.{name}: expected {expected}, got {Show(value)}.");

    /// <summary>Fails on the first field that none of the reads above asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw new ScenarioException(
                    $"{Source}: {Path}.{property.Name}: unknown field; expected one of {string.Join(", ", known)}.");
            }
        }
    }

    private static string Show(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => JsonSerializer.Serialize(value.GetString()),
            _ => value.GetRawText(),
        };
        return text.Length > 40 ? text[..37] + "..." : text;
    }
}
