namespace Pdc.Capture;

/// <summary>The ones'-complement sum of 16-bit words that IPv4, TCP and UDP use (RFC 1071).</summary>
internal struct InternetChecksum
{
    private ulong sum;

    /// <summary>Adds bytes; only the last span added may have an odd length.</summary>
    public void Add(ReadOnlySpan<byte> data)
    {
        var even = data.Length & ~1;
        for (var i = 0; i < even; i += 2)
        {
            sum += (uint)((data[i] << 8) | data[i + 1]);
        }

        if (even < data.Length)
        {
            sum += (uint)(data[^1] << 8);
        }
    }

    public void Add(ushort word) => sum += word;

    public readonly ushort Result
    {
        get
        {
            var folded = sum;
            while (folded > 0xFFFF)
            {
                folded = (folded & 0xFFFF) + (folded >> 16);
            }

            return (ushort)~folded;
        }
    }
}
