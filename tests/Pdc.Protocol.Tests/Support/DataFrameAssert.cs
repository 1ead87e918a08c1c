namespace Pdc.Protocol.Tests.Support;

/// <summary>Field-by-field equality of two data frames, bit for bit (NaN equals NaN, as float.Equals has it).</summary>
internal static class DataFrameAssert
{
    public static void Equal(DataFrame expected, DataFrame actual)
    {
        Assert.Equal(expected.Timestamp, actual.Timestamp);
        Assert.Equal(expected.Stat, actual.Stat);
        Assert.Equal(expected.Frequency, actual.Frequency);
        Assert.Equal(expected.Rocof, actual.Rocof);
        Assert.Equal(expected.Phasors, actual.Phasors);
        Assert.Equal(expected.Analogs, actual.Analogs);
        Assert.Equal(expected.Digitals, actual.Digitals);
    }
}
