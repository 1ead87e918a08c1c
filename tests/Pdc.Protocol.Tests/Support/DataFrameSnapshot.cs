namespace Pdc.Protocol.Tests.Support;

/// <summary>A copy of a decoder's reused <see cref="DataFrame"/>, to keep past the next read.</summary>
internal static class DataFrameSnapshot
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
