using System.Globalization;
using System.Xml.Linq;

namespace Pdc.Testing;

/// <summary>
/// One node of tshark's PDML tree: the field's name (empty for text-only grouping nodes), <c>show</c> (the value
/// as text), <c>showname</c> (the whole line as Wireshark renders it), <c>value</c> (the field's bytes in hex).
/// </summary>
public sealed class PdmlField
{
    private PdmlField(string name, string show, string showName, string? value, IReadOnlyList<PdmlField> children)
    {
        Name = name;
        Show = show;
        ShowName = showName;
        Value = value;
        Children = children;
    }

    public string Name { get; }

    public string Show { get; }

    public string ShowName { get; }

    /// <summary>The field's bytes as hex, where tshark gives them.</summary>
    public string? Value { get; }

    public IReadOnlyList<PdmlField> Children { get; }

    /// <summary>The field's bytes as an unsigned big-endian number.</summary>
    public ulong ValueAsNumber => ulong.Parse(Value ?? throw new InvalidOperationException($"{Describe()} has no value."), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary><see cref="Show"/> as a decimal or 0x-prefixed hexadecimal integer.</summary>
    public long ShowAsInteger => Show.StartsWith("0x", StringComparison.Ordinal)
        ? long.Parse(Show.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture)
        : long.Parse(Show, NumberStyles.Integer, CultureInfo.InvariantCulture);

    /// <summary>All fields below this one, depth first, in document order.</summary>
    public IEnumerable<PdmlField> Descendants()
    {
        foreach (var child in Children)
        {
            yield return child;
            foreach (var grandchild in child.Descendants())
            {
                yield return grandchild;
            }
        }
    }

    /// <summary>Every descendant named <paramref name="name"/>, in document order.</summary>
    public IEnumerable<PdmlField> All(string name) => Descendants().Where(f => f.Name == name);

    /// <summary>The first descendant named <paramref name="name"/>; fails when there is none.</summary>
    public PdmlField Field(string name) =>
        All(name).FirstOrDefault() ?? throw new InvalidOperationException($"No field {name} under {Describe()}.");

    /// <summary>The first descendant named <paramref name="name"/>, or null.</summary>
    public PdmlField? FieldOrNull(string name) => All(name).FirstOrDefault();

    /// <summary>Unnamed grouping nodes whose text starts with <paramref name="showPrefix"/> (e.g. "Station: ").</summary>
    public IEnumerable<PdmlField> Groups(string showPrefix) =>
        Descendants().Where(f => f.Name.Length == 0 && f.Show.StartsWith(showPrefix, StringComparison.Ordinal));

    /// <summary>The first grouping node whose text starts with <paramref name="showPrefix"/>; fails when there is none.</summary>
    public PdmlField Group(string showPrefix) =>
        Groups(showPrefix).FirstOrDefault() ?? throw new InvalidOperationException($"No group \"{showPrefix}\" under {Describe()}.");

    public override string ToString() => Describe();

    internal static PdmlField FromElement(XElement element)
    {
        var children = element.Elements("field").Select(FromElement).ToArray();
        return new PdmlField(
            (string?)element.Attribute("name") ?? string.Empty,
            (string?)element.Attribute("show") ?? string.Empty,
            (string?)element.Attribute("showname") ?? string.Empty,
            (string?)element.Attribute("value"),
            children);
    }

    private string Describe() => ShowName.Length > 0 ? ShowName : Name.Length > 0 ? Name : Show;
}
