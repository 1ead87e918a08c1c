using Pdc.Protocol;

namespace Pdc.Streaming.Tests.Publishing.Support;

/// <summary>Copies of reused frame storage, for checking after the original has moved on.</summary>
internal static class Copy
{
    public static DataFrame Of(DataFrame source)
    {
        var copy = new DataFrame(source.Config) { Timestamp = source.Timestamp };
        source.Stat.CopyTo(copy.Stat, 0);
        source.Frequency.CopyTo(copy.Frequency, 0);
        source.Rocof.CopyTo(copy.Rocof, 0);
        source.Phasors.CopyTo(copy.Phasors, 0);
        source.Analogs.CopyTo(copy.Analogs, 0);
        source.Digitals.CopyTo(copy.Digitals, 0);
        return copy;
    }
}
