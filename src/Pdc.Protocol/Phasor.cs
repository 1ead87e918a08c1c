namespace Pdc.Protocol;

/// <summary>
/// A phasor in engineering units (V or A, radians), kept in the notation it arrived in so that decoding
/// needs no trigonometry; the other notation is computed on request. NaN marks absent data.
/// </summary>
public readonly struct Phasor : IEquatable<Phasor>
{
    private readonly float first;
    private readonly float second;
    private readonly bool polar;

    private Phasor(float first, float second, bool polar)
    {
        this.first = first;
        this.second = second;
        this.polar = polar;
    }

    public static Phasor Missing { get; } = new(float.NaN, float.NaN, true);

    public bool IsPolar => polar;

    public bool IsMissing => float.IsNaN(first) || float.IsNaN(second);

    public float Magnitude => polar ? first : MathF.Sqrt((first * first) + (second * second));

    /// <summary>Angle in radians.</summary>
    public float Angle => polar ? second : MathF.Atan2(second, first);

    public float Real => polar ? first * MathF.Cos(second) : first;

    public float Imaginary => polar ? first * MathF.Sin(second) : second;

    public static Phasor FromPolar(float magnitude, float angle) => new(magnitude, angle, true);

    public static Phasor FromRectangular(float real, float imaginary) => new(real, imaginary, false);

    public bool Equals(Phasor other) =>
        polar == other.polar && first.Equals(other.first) && second.Equals(other.second);

    public override bool Equals(object? obj) => obj is Phasor other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(first, second, polar);

    public static bool operator ==(Phasor left, Phasor right) => left.Equals(right);

    public static bool operator !=(Phasor left, Phasor right) => !left.Equals(right);

    public override string ToString() => polar
        ? $"{first:0.###}∠{second * 180 / MathF.PI:0.###}°"
        : $"{first:0.###}{(second < 0 ? '-' : '+')}j{MathF.Abs(second):0.###}";
}
