using Pdc.Analytics.Oscillations;

namespace Pdc.Analytics.Numerics;

/// <summary>
/// Total-least-squares Matrix Pencil (Hua and Sarkar) for a window of fixed length: the signal subspace is
/// the dominant right singular vectors of the Hankel matrix Y (found as eigenvectors of YᵀY), truncated to
/// the model order, which is the denoising step; the poles are the eigenvalues of V₁⁺V₂; amplitudes and
/// phases come from a least-squares fit of the poles' exponentials to the window. Every buffer is allocated
/// at construction, so an estimate allocates nothing.
/// </summary>
internal sealed class MatrixPencil
{
    private readonly int sampleCount;
    private readonly int pencil;
    private readonly int order;
    private readonly double[] centred;
    private readonly double[] gram;
    private readonly SymmetricEigensolver subspaceSolver;
    private readonly double[] subspace;
    private readonly double[] shift;
    private readonly RealEigensolver poleSolver;
    private readonly double[] poleReal;
    private readonly double[] poleImaginary;
    private readonly double[] basis;
    private readonly double[] columnScale;
    private readonly double[] normal;
    private readonly double[] coefficients;

    /// <param name="sampleCount">Samples per window (N).</param>
    /// <param name="pencil">Pencil parameter L (N/3 to N/2 suits noisy data).</param>
    /// <param name="order">Signal order M: singular vectors kept, two per oscillatory mode plus one per real pole.</param>
    public MatrixPencil(int sampleCount, int pencil, int order)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pencil, order);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleCount - pencil, order);
        this.sampleCount = sampleCount;
        this.pencil = pencil;
        this.order = order;
        var size = pencil + 1;
        centred = new double[sampleCount];
        gram = new double[size * size];
        subspaceSolver = new SymmetricEigensolver(size);
        subspace = new double[size * order];
        shift = new double[order * order];
        poleSolver = new RealEigensolver(order);
        poleReal = new double[order];
        poleImaginary = new double[order];
        basis = new double[order * sampleCount];
        columnScale = new double[order];
        normal = new double[order * order];
        coefficients = new double[order];
    }

    /// <summary>Variance of the last window estimated (about its mean).</summary>
    public double WindowVariance { get; private set; }

    /// <summary>
    /// Estimates the oscillatory modes (poles with positive frequency) of <paramref name="samples"/> taken at
    /// <paramref name="sampleRate"/>; real poles (offset, trend) are fitted but not reported. False when a
    /// decomposition fails; <paramref name="fitQuality"/> is the share of the window's variance the model explains.
    /// </summary>
    public bool TryEstimate(ReadOnlySpan<double> samples, double sampleRate, Span<OscillationMode> modes, out int count, out double fitQuality)
    {
        count = 0;
        fitQuality = 0;
        if (samples.Length != sampleCount)
        {
            throw new ArgumentException($"Expected {sampleCount} samples.", nameof(samples));
        }

        Centre(samples);
        BuildGram();
        if (!subspaceSolver.Solve(gram))
        {
            return false;
        }

        BuildShiftMatrix();
        if (!poleSolver.Solve(shift, order, poleReal, poleImaginary))
        {
            return false;
        }

        BuildBasis();
        if (!FitAmplitudes(out fitQuality))
        {
            return false;
        }

        count = CollectModes(sampleRate, modes);
        return true;
    }

    private void Centre(ReadOnlySpan<double> samples)
    {
        var mean = 0.0;
        foreach (var sample in samples)
        {
            mean += sample;
        }

        mean /= samples.Length;
        var sumOfSquares = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            centred[i] = samples[i] - mean;
            sumOfSquares += centred[i] * centred[i];
        }

        WindowVariance = sumOfSquares / samples.Length;
    }

    /// <summary>YᵀY of the (N−L)×(L+1) Hankel matrix; entries along each diagonal follow by an O(1) update.</summary>
    private void BuildGram()
    {
        var size = pencil + 1;
        var rows = sampleCount - pencil;
        var x = centred;
        for (var k = 0; k < size; k++)
        {
            var sum = 0.0;
            for (var i = 0; i < rows; i++)
            {
                sum += x[i] * x[i + k];
            }

            gram[k] = sum;
        }

        for (var j = 1; j < size; j++)
        {
            for (var k = j; k < size; k++)
            {
                var value = gram[((j - 1) * size) + k - 1] - (x[j - 1] * x[k - 1]) + (x[j - 1 + rows] * x[k - 1 + rows]);
                gram[(j * size) + k] = value;
            }
        }

        for (var j = 1; j < size; j++)
        {
            for (var k = 0; k < j; k++)
            {
                gram[(j * size) + k] = gram[(k * size) + j];
            }
        }
    }

    /// <summary>
    /// V₁⁺V₂ for the dominant subspace V (rows 0..L−1 are V₁, rows 1..L are V₂). V has orthonormal columns, so
    /// V₁ᵀV₁ = I − rrᵀ with r its last row, inverted by Sherman–Morrison.
    /// </summary>
    private void BuildShiftMatrix()
    {
        var size = pencil + 1;
        for (var c = 0; c < order; c++)
        {
            var source = size - 1 - c;
            for (var row = 0; row < size; row++)
            {
                subspace[(row * order) + c] = subspaceSolver.Vector(row, source);
            }
        }

        Array.Clear(shift);
        for (var i = 0; i < pencil; i++)
        {
            var upper = i * order;
            var lower = (i + 1) * order;
            for (var a = 0; a < order; a++)
            {
                var va = subspace[upper + a];
                for (var b = 0; b < order; b++)
                {
                    shift[(a * order) + b] += va * subspace[lower + b];
                }
            }
        }

        var last = pencil * order;
        var rr = 0.0;
        for (var a = 0; a < order; a++)
        {
            rr += subspace[last + a] * subspace[last + a];
        }

        var gain = 1.0 / (1.0 - rr);
        Span<double> rTimesShift = stackalloc double[order];
        for (var b = 0; b < order; b++)
        {
            var sum = 0.0;
            for (var a = 0; a < order; a++)
            {
                sum += subspace[last + a] * shift[(a * order) + b];
            }

            rTimesShift[b] = sum * gain;
        }

        for (var a = 0; a < order; a++)
        {
            for (var b = 0; b < order; b++)
            {
                shift[(a * order) + b] += subspace[last + a] * rTimesShift[b];
            }
        }
    }

    /// <summary>One column per real pole (zᵏ), two per conjugate pair (Re zᵏ, Im zᵏ), each scaled to unit norm.</summary>
    private void BuildBasis()
    {
        var column = 0;
        for (var p = 0; p < order; p++)
        {
            var zr = poleReal[p];
            var zi = poleImaginary[p];
            if (zi < 0)
            {
                continue;
            }

            var first = basis.AsSpan(column * sampleCount, sampleCount);
            var second = zi > 0 ? basis.AsSpan((column + 1) * sampleCount, sampleCount) : [];
            double wr = 1, wi = 0;
            for (var k = 0; k < sampleCount; k++)
            {
                first[k] = wr;
                if (zi > 0)
                {
                    second[k] = wi;
                }

                (wr, wi) = ((wr * zr) - (wi * zi), (wr * zi) + (wi * zr));
            }

            column += zi > 0 ? 2 : 1;
        }

        for (var c = 0; c < order; c++)
        {
            var values = basis.AsSpan(c * sampleCount, sampleCount);
            var norm = Math.Sqrt(Dot(values, values));
            var scale = norm > 0 && double.IsFinite(norm) ? 1 / norm : 0;
            columnScale[c] = scale;
            for (var k = 0; k < sampleCount; k++)
            {
                values[k] *= scale;
            }
        }
    }

    private bool FitAmplitudes(out double fitQuality)
    {
        fitQuality = 0;
        for (var a = 0; a < order; a++)
        {
            var columnA = basis.AsSpan(a * sampleCount, sampleCount);
            for (var b = a; b < order; b++)
            {
                var value = Dot(columnA, basis.AsSpan(b * sampleCount, sampleCount));
                normal[(a * order) + b] = value;
                normal[(b * order) + a] = value;
            }

            coefficients[a] = Dot(columnA, centred);
        }

        // A whisker of ridge keeps nearly equal poles from making the system singular.
        for (var a = 0; a < order; a++)
        {
            normal[(a * order) + a] += 1e-12;
        }

        if (!GaussianElimination.Solve(normal, coefficients, order))
        {
            return false;
        }

        var residual = 0.0;
        var total = 0.0;
        for (var k = 0; k < sampleCount; k++)
        {
            var fitted = 0.0;
            for (var c = 0; c < order; c++)
            {
                fitted += coefficients[c] * basis[(c * sampleCount) + k];
            }

            var error = centred[k] - fitted;
            residual += error * error;
            total += centred[k] * centred[k];
        }

        fitQuality = total > 0 ? Math.Clamp(1 - (residual / total), 0, 1) : 0;
        return true;
    }

    private int CollectModes(double sampleRate, Span<OscillationMode> modes)
    {
        var count = 0;
        var column = 0;
        for (var p = 0; p < order; p++)
        {
            var zr = poleReal[p];
            var zi = poleImaginary[p];
            if (zi < 0)
            {
                continue;
            }

            if (zi == 0)
            {
                column++;
                continue;
            }

            var cosine = coefficients[column] * columnScale[column];
            var sine = coefficients[column + 1] * columnScale[column + 1];
            var energy = 0.0;
            for (var k = 0; k < sampleCount; k++)
            {
                var value = (coefficients[column] * basis[(column * sampleCount) + k])
                    + (coefficients[column + 1] * basis[((column + 1) * sampleCount) + k]);
                energy += value * value;
            }

            column += 2;
            if (count < modes.Length)
            {
                var magnitude = Math.Sqrt((zr * zr) + (zi * zi));
                var sigma = Math.Log(magnitude) * sampleRate;
                var omega = Math.Atan2(zi, zr) * sampleRate;
                var amplitude = Math.Sqrt((cosine * cosine) + (sine * sine));
                modes[count++] = OscillationMode.FromPole(sigma, omega, amplitude, -Math.Atan2(sine, cosine), energy);
            }
        }

        return count;
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }
}
