using System.Globalization;

namespace Pdc.Testing;

/// <summary>
/// A number as tshark printed it ("%.3f", "%g", "nan"), with the half unit of its last printed digit: any value
/// that prints as this text lies within that distance of it. Comparing against it checks a value to exactly the
/// precision tshark shows, no more and no less.
/// </summary>
public readonly record struct PrintedNumber(string Text, double Value, double HalfUnit)
{
    public bool IsNaN => double.IsNaN(Value);

    public static PrintedNumber Parse(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Contains("nan", StringComparison.OrdinalIgnoreCase))
        {
            return new PrintedNumber(trimmed, double.NaN, 0);
        }

        var value = double.Parse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture);
        var exponentAt = trimmed.IndexOfAny(['e', 'E']);
        var mantissa = exponentAt < 0 ? trimmed : trimmed[..exponentAt];
        var exponent = exponentAt < 0 ? 0 : int.Parse(trimmed.AsSpan(exponentAt + 1), NumberStyles.Integer, CultureInfo.InvariantCulture);
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var decimals = point < 0 ? 0 : mantissa.Length - point - 1;
        return new PrintedNumber(trimmed, value, 0.5 * Math.Pow(10, exponent - decimals));
    }

    /// <summary>
    /// True when <paramref name="actual"/> prints as this text, give or take <paramref name="slack"/> (for a value
    /// that we compute in float32 where tshark computes in double). NaN matches NaN only.
    /// </summary>
    public bool Matches(double actual, double slack = 0)
    {
        if (IsNaN || double.IsNaN(actual))
        {
            return IsNaN && double.IsNaN(actual);
        }

        // The relative 1e-12 absorbs the decimal parse of the printed text itself.
        return Math.Abs(actual - Value) <= HalfUnit + slack + (Math.Abs(Value) * 1e-12);
    }

    public override string ToString() => Text;
}
