using System.Buffers.Binary;

namespace Pdc.Protocol.Tests.Support;

/// <summary>
/// Builds the bytes of a data frame field by field, without the codec: raw integers anywhere in their range for
/// integer formats (0x8000, "absent", included) and arbitrary bit patterns for float formats. The one constraint is
/// canonical absence: an integer polar phasor whose angle is 0x8000 carries magnitude 0, as the encoder writes it.
/// </summary>
internal static class RawDataFrame
{
    public static byte[] Build(ConfigFrame config, Random random)
    {
        var frame = new byte[config.DataFrameSize];
        new FrameHeader(FrameType.Data, (byte)config.Version, (ushort)frame.Length, config.IdCode, NextUInt32(random), NextUInt32(random)).Write(frame);
        var offset = FrameHeader.Size;
        foreach (var pmu in config.Pmus)
        {
            offset = Put16(frame, offset, random.Next(0x10000));
            for (var i = 0; i < pmu.Phasors.Count; i++)
            {
                if (pmu.FloatPhasors)
                {
                    offset = Put32(frame, offset, NextUInt32(random));
                    offset = Put32(frame, offset, NextUInt32(random));
                }
                else if (pmu.PolarPhasors)
                {
                    var angle = Int16(random);
                    offset = Put16(frame, offset, angle == short.MinValue ? 0 : random.Next(0x10000));
                    offset = Put16(frame, offset, angle);
                }
                else
                {
                    offset = Put16(frame, offset, Int16(random));
                    offset = Put16(frame, offset, Int16(random));
                }
            }

            // FREQ, then DFREQ.
            for (var i = 0; i < 2; i++)
            {
                offset = pmu.FloatFrequency ? Put32(frame, offset, NextUInt32(random)) : Put16(frame, offset, Int16(random));
            }

            for (var i = 0; i < pmu.Analogs.Count; i++)
            {
                offset = pmu.FloatAnalogs ? Put32(frame, offset, NextUInt32(random)) : Put16(frame, offset, Int16(random));
            }

            for (var i = 0; i < pmu.Digitals.Count; i++)
            {
                offset = Put16(frame, offset, random.Next(0x10000));
            }
        }

        ReferenceCrc.Seal(frame);
        return frame;
    }

    /// <summary>An int16 over its whole range, with the 0x8000 "absent" marker and the extremes drawn often.</summary>
    private static short Int16(Random random) => random.Next(10) switch
    {
        0 => short.MinValue,
        1 => short.MaxValue,
        2 => (short)(short.MinValue + 1),
        _ => (short)random.Next(short.MinValue, short.MaxValue + 1),
    };

    private static uint NextUInt32(Random random) => (uint)random.NextInt64(0, 1L << 32);

    private static int Put16(byte[] frame, int offset, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(offset), (ushort)value);
        return offset + 2;
    }

    private static int Put32(byte[] frame, int offset, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(offset), value);
        return offset + 4;
    }
}
