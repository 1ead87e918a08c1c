using BenchmarkDotNet.Attributes;
using Pdc.Protocol;

namespace Pdc.Benchmarks;

/// <summary>Crc16Ccitt.Compute against the byte-at-a-time table it replaced, on a typical frame and a 4 KB buffer.</summary>
/// <remarks>Min beside Mean: on a shared 2-core machine, the mean of a short run mostly measures the neighbours.</remarks>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
public class CrcBenchmarks
{
    private static readonly ushort[] Table = BuildTable();

    private byte[] _data = [];

    [Params(100, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    public ushort TableByteAtATime()
    {
        var crc = Crc16Ccitt.InitialValue;
        foreach (var b in _data)
        {
            crc = (ushort)((crc << 8) ^ Table[(crc >> 8) ^ b]);
        }

        return crc;
    }

    [Benchmark]
    public ushort Compute() => Crc16Ccitt.Compute(_data);

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }

            table[i] = crc;
        }

        return table;
    }
}

/// <summary>
/// Slicing against folding around Crc16Ccitt.FoldingThreshold (run with --filter '*FoldingThreshold*').
/// Not matched by '*Crc*', to keep the main comparison short.
/// </summary>
public class FoldingThresholdBenchmarks
{
    private byte[] _data = [];

    [Params(16, 24, 32, 64, 100)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    public ushort Slicing() => Crc16Ccitt.UpdateSlicing(Crc16Ccitt.InitialValue, _data);

    [Benchmark]
    public ushort Folding() => Crc16CcittFolding.IsSupported
        ? Crc16CcittFolding.Update(Crc16Ccitt.InitialValue, _data)
        : Crc16Ccitt.UpdateSlicing(Crc16Ccitt.InitialValue, _data);
}
