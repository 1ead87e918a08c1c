using System.Text.RegularExpressions;

namespace Pdc.Testing;

/// <summary>
/// One phasor of a data frame as tshark renders it:
/// <c>Phasor #1: "VA", 100.076V ∠-89.802° alt 0.345+j-100.076V</c>, and for integer phasors
/// <c>; unscaled: 12345, -2345</c> after it.
/// </summary>
public sealed partial record PdmlPhasor(
    int Number,
    string Name,
    PrintedNumber Magnitude,
    char Unit,
    PrintedNumber AngleDegrees,
    PrintedNumber Real,
    PrintedNumber Imaginary,
    string? Unscaled)
{
    public static PdmlPhasor Parse(string showName)
    {
        var match = Line().Match(showName);
        if (!match.Success)
        {
            throw new FormatException($"Not a tshark phasor line: {showName}");
        }

        return new PdmlPhasor(
            int.Parse(match.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Groups["name"].Value,
            PrintedNumber.Parse(match.Groups["mag"].Value),
            match.Groups["unit"].Value[0],
            PrintedNumber.Parse(match.Groups["ang"].Value),
            PrintedNumber.Parse(match.Groups["re"].Value),
            PrintedNumber.Parse(match.Groups["im"].Value),
            match.Groups["raw"].Success ? match.Groups["raw"].Value : null);
    }

    [GeneratedRegex(@"^Phasor #(?<n>\d+): ""(?<name>.*)"",\s*(?<mag>\S+)(?<unit>[VA]) ∠\s*(?<ang>\S+)° alt\s*(?<re>\S+)\+j\s*(?<im>\S+)[VA](; unscaled:\s*(?<raw>.*))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Line();
}
