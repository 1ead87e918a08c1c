namespace Pdc.Streaming.Tests.Publishing.Support;

/// <summary>Waits for something another thread does (a command acted on, a frame sent); fails after ten seconds.</summary>
internal static class Poll
{
    public static async Task UntilAsync(Func<bool> condition)
    {
        using var expiry = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(5, expiry.Token);
        }
    }
}
