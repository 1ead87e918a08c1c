using System.Globalization;
using System.Text;
using Pdc.Protocol;

namespace Pdc.Testing;

/// <summary>Every value of a decoded data frame as one line of text, so that two decodes compare frame for frame with a readable difference.</summary>
public static class FrameValues
{
    /// <param name="withTimestamp">False to compare values whose frames were restamped.</param>
    public static string Of(DataFrame data, bool withTimestamp = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        var text = new StringBuilder();
        if (withTimestamp)
        {
            text.Append(CultureInfo.InvariantCulture, $"{data.Timestamp.Soc}.{data.Timestamp.FracSecWord:X8} ");
        }

        text.AppendJoin(',', data.Stat).Append(" f ").AppendJoin(',', data.Frequency.Select(Exact))
            .Append(" df ").AppendJoin(',', data.Rocof.Select(Exact))
            .Append(" ph ").AppendJoin(',', data.Phasors.Select(p => $"{Exact(p.Magnitude)}@{Exact(p.Angle)}"))
            .Append(" an ").AppendJoin(',', data.Analogs.Select(Exact))
            .Append(" dg ").AppendJoin(',', data.Digitals);
        return text.ToString();
    }

    private static string Exact(float value) => value.ToString("R", CultureInfo.InvariantCulture);
}
