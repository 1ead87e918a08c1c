namespace Pdc.Analytics.Oscillations;

/// <summary>The signals with the largest amplitudes, largest first, picked without sorting or allocating.</summary>
internal sealed class LargestAmplitudes(int capacity)
{
    private readonly int[] ranking = new int[Math.Max(1, capacity)];

    /// <summary>The signal ranked <paramref name="place"/> (0 = largest) by the last <see cref="Rank"/>.</summary>
    public int this[int place] => ranking[place];

    /// <summary>Ranks the eligible signals by amplitude; returns how many were ranked (at most the capacity).</summary>
    public int Rank(ReadOnlySpan<double> amplitudes, ReadOnlySpan<bool> eligible)
    {
        var count = Math.Min(ranking.Length, amplitudes.Length);
        for (var place = 0; place < count; place++)
        {
            var best = -1;
            for (var s = 0; s < amplitudes.Length; s++)
            {
                if (eligible[s] && !RankedBefore(s, place) && (best < 0 || amplitudes[s] > amplitudes[best]))
                {
                    best = s;
                }
            }

            if (best < 0)
            {
                return place;
            }

            ranking[place] = best;
        }

        return count;
    }

    private bool RankedBefore(int signal, int place) => Array.IndexOf(ranking, signal, 0, place) >= 0;
}
