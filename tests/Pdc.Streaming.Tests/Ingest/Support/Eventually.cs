namespace Pdc.Streaming.Tests.Ingest.Support;

/// <summary>Waits for a condition that asynchronous I/O makes true, failing with a description when it does not come in time.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what, double seconds = 10)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Not within {seconds} s: {what}");
            }

            await Task.Delay(10);
        }
    }
}
