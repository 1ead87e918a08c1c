namespace Pdc.Simulation.Signals;

/// <summary>
/// SplitMix64: a small generator whose output depends on the seed alone (not on the runtime's Random), so a
/// simulation is the same on every machine and .NET version. <see cref="Hash"/> gives random access by key.
/// </summary>
internal struct SeededRandom(ulong state)
{
    private const ulong Golden = 0x9E37_79B9_7F4A_7C15;

    public ulong NextUInt64()
    {
        state += Golden;
        return Mix(state);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => ToUnit(NextUInt64());

    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Standard normal (Box-Muller).</summary>
    public double NextGaussian() => Gaussian(NextUInt64(), NextUInt64());

    /// <summary>A standard normal value that depends only on the keys: the same keys always give the same value.</summary>
    public static double GaussianAt(ulong seed, ulong key1, ulong key2)
    {
        var h = Mix(seed ^ Mix(key1 ^ Mix(key2 + Golden)));
        return Gaussian(Mix(h + Golden), Mix(h + unchecked(2 * Golden)));
    }

    /// <summary>A uniform value in [0, 1) that depends only on the keys.</summary>
    public static double UniformAt(ulong seed, ulong key1, ulong key2) => ToUnit(Mix(seed ^ Mix(key1 ^ Mix(key2 + Golden))));

    private static double Gaussian(ulong a, ulong b)
    {
        var u1 = 1.0 - ToUnit(a);
        var u2 = ToUnit(b);
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static double ToUnit(ulong bits) => (bits >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58_476D_1CE4_E5B9;
        z = (z ^ (z >> 27)) * 0x94D0_49BB_1331_11EB;
        return z ^ (z >> 31);
    }
}
