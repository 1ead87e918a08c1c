namespace Pdc.Protocol.Tests.Support;

/// <summary>Assertions that name the frame and field that differ, since one test checks thousands of values.</summary>
internal static class Expect
{
    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            Assert.Fail($"{what}: expected {expected}, got {actual}");
        }
    }

    public static void Printed(Pdc.Testing.PrintedNumber printed, double ours, string what, double slack = 0)
    {
        if (!printed.Matches(ours, slack))
        {
            Assert.Fail($"{what}: tshark shows {printed}, ours is {ours:R} (allowed ±{printed.HalfUnit + slack:G3})");
        }
    }
}
