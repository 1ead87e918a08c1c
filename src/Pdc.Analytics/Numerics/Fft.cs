namespace Pdc.Analytics.Numerics;

/// <summary>In-place radix-2 complex FFT of one fixed power-of-two length, with its tables built once.</summary>
internal sealed class Fft
{
    private readonly int length;
    private readonly int[] reversed;
    private readonly double[] cosine;
    private readonly double[] sine;

    public Fft(int length)
    {
        if (length < 2 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The FFT length must be a power of two, 2 or more.");
        }

        this.length = length;
        reversed = new int[length];
        var bits = System.Numerics.BitOperations.Log2((uint)length);
        for (var i = 0; i < length; i++)
        {
            reversed[i] = (int)(ReverseBits((uint)i) >> (32 - bits));
        }

        cosine = new double[length / 2];
        sine = new double[length / 2];
        for (var i = 0; i < length / 2; i++)
        {
            cosine[i] = Math.Cos(2 * Math.PI * i / length);
            sine[i] = -Math.Sin(2 * Math.PI * i / length);
        }
    }

    /// <summary>Replaces (real, imaginary) by its discrete Fourier transform Σ x[n]·e^(−j2πkn/N).</summary>
    public void Transform(Span<double> real, Span<double> imaginary)
    {
        if (real.Length != length || imaginary.Length != length)
        {
            throw new ArgumentException($"Expected {length} values.", nameof(real));
        }

        for (var i = 0; i < length; i++)
        {
            var j = reversed[i];
            if (j > i)
            {
                (real[i], real[j]) = (real[j], real[i]);
                (imaginary[i], imaginary[j]) = (imaginary[j], imaginary[i]);
            }
        }

        for (var size = 2; size <= length; size <<= 1)
        {
            var half = size >> 1;
            var stride = length / size;
            for (var start = 0; start < length; start += size)
            {
                for (var k = 0; k < half; k++)
                {
                    var wr = cosine[k * stride];
                    var wi = sine[k * stride];
                    var a = start + k;
                    var b = a + half;
                    var tr = (real[b] * wr) - (imaginary[b] * wi);
                    var ti = (real[b] * wi) + (imaginary[b] * wr);
                    real[b] = real[a] - tr;
                    imaginary[b] = imaginary[a] - ti;
                    real[a] += tr;
                    imaginary[a] += ti;
                }
            }
        }
    }

    private static uint ReverseBits(uint value)
    {
        value = ((value >> 1) & 0x55555555u) | ((value & 0x55555555u) << 1);
        value = ((value >> 2) & 0x33333333u) | ((value & 0x33333333u) << 2);
        value = ((value >> 4) & 0x0F0F0F0Fu) | ((value & 0x0F0F0F0Fu) << 4);
        value = ((value >> 8) & 0x00FF00FFu) | ((value & 0x00FF00FFu) << 8);
        return (value >> 16) | (value << 16);
    }
}
