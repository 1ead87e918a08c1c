namespace Pdc.Protocol;

/// <summary>
/// Parses CFG-1, CFG-2 and CFG-3 frames. Every count is checked against the bytes that remain before
/// anything is allocated for it, so a lying count costs nothing but a <see cref="FrameRejection.Malformed"/>.
/// </summary>
public static class ConfigFrameReader
{
    private const int FixedNameWidth = 16;

    /// <summary>
    /// Parses a whole CFG-1/CFG-2 frame, or a CFG-3 frame whose CONT_IDX is 0 (not fragmented).
    /// The CRC must already have been checked. Fragmented CFG-3 frames go through <see cref="Config3Assembler"/>.
    /// </summary>
    public static FrameRejection TryRead(ReadOnlySpan<byte> frame, out ConfigFrame? config)
    {
        config = null;
        if (frame.Length < FrameHeader.MinimumFrameSize)
        {
            return FrameRejection.BadSize;
        }

        var header = FrameHeader.Read(frame);
        var body = frame[FrameHeader.Size..^FrameHeader.CrcSize];
        switch (header.Type)
        {
            case FrameType.Config1 or FrameType.Config2:
                return TryReadConfig12(header, body, out config);
            case FrameType.Config3:
                if (body.Length < 2 || (body[0] | body[1]) != 0)
                {
                    return FrameRejection.Malformed;
                }

                return TryReadConfig3Body(header, body[2..], out config);
            default:
                return FrameRejection.Malformed;
        }
    }

    private static FrameRejection TryReadConfig12(FrameHeader header, ReadOnlySpan<byte> body, out ConfigFrame? config)
    {
        config = null;
        var reader = new WireReader(body);
        var timeBase = reader.ReadUInt32() & 0x00FF_FFFF;
        var pmuCount = reader.ReadUInt16();

        // Each PMU block is at least 30 bytes; refuse counts the frame cannot hold before allocating.
        if (!reader.Has((pmuCount * 30L) + 2) || timeBase == 0)
        {
            return FrameRejection.Malformed;
        }

        var pmus = new PmuConfig[pmuCount];
        for (var p = 0; p < pmuCount; p++)
        {
            if (ReadPmu12(ref reader) is not { } pmu)
            {
                return FrameRejection.Malformed;
            }

            pmus[p] = pmu;
        }

        var dataRate = reader.ReadInt16();
        if (reader.Overrun || reader.Remaining != 0)
        {
            return FrameRejection.Malformed;
        }

        config = new ConfigFrame(header.Type, (ProtocolVersion)header.Version, header.IdCode, header.Timestamp, timeBase, pmus, dataRate);
        return FrameRejection.None;
    }

    private static PmuConfig? ReadPmu12(ref WireReader reader)
    {
        var station = reader.ReadFixedName(FixedNameWidth);
        var idCode = reader.ReadUInt16();
        var format = (DataFormat)(reader.ReadUInt16() & 0x000F);
        var phasorCount = reader.ReadUInt16();
        var analogCount = reader.ReadUInt16();
        var digitalCount = reader.ReadUInt16();
        var namesAndUnits =
            (FixedNameWidth * (phasorCount + analogCount + (16L * digitalCount)))
            + (4L * (phasorCount + analogCount + digitalCount))
            + 4;
        if (!reader.Has(namesAndUnits))
        {
            return null;
        }

        var phasorNames = ReadFixedNames(ref reader, phasorCount);
        var analogNames = ReadFixedNames(ref reader, analogCount);
        var digitalLabels = ReadFixedNames(ref reader, digitalCount * DigitalWord.BitsPerWord);

        var phasors = new PhasorChannel[phasorCount];
        for (var i = 0; i < phasorCount; i++)
        {
            var unit = reader.ReadUInt32();
            phasors[i] = new PhasorChannel(phasorNames[i], (unit >> 24) == 0 ? PhasorKind.Voltage : PhasorKind.Current, unit & 0x00FF_FFFF);
        }

        var analogs = new AnalogChannel[analogCount];
        for (var i = 0; i < analogCount; i++)
        {
            var unit = reader.ReadUInt32();
            analogs[i] = new AnalogChannel(analogNames[i], (byte)(unit >> 24), (int)(unit & 0x00FF_FFFF));
        }

        var digitals = ReadDigitalUnits(ref reader, digitalLabels, digitalCount);
        var fnom = reader.ReadUInt16();
        var configChangeCount = reader.ReadUInt16();
        return new PmuConfig(station, idCode, format, phasors, analogs, digitals, NominalFrequency(fnom), configChangeCount);
    }

    /// <summary>Parses the body of a CFG-3 (TIME_BASE through DATA_RATE, after CONT_IDX, fragments joined).</summary>
    internal static FrameRejection TryReadConfig3Body(FrameHeader header, ReadOnlySpan<byte> body, out ConfigFrame? config)
    {
        config = null;
        var reader = new WireReader(body);
        var timeBase = reader.ReadUInt32() & 0x00FF_FFFF;
        var pmuCount = reader.ReadUInt16();

        // Each CFG-3 PMU block is at least 52 bytes.
        if (!reader.Has((pmuCount * 52L) + 2) || timeBase == 0)
        {
            return FrameRejection.Malformed;
        }

        var pmus = new PmuConfig[pmuCount];
        for (var p = 0; p < pmuCount; p++)
        {
            if (ReadPmu3(ref reader) is not { } pmu)
            {
                return FrameRejection.Malformed;
            }

            pmus[p] = pmu;
        }

        var dataRate = reader.ReadInt16();
        if (reader.Overrun || reader.Remaining != 0)
        {
            return FrameRejection.Malformed;
        }

        config = new ConfigFrame(FrameType.Config3, (ProtocolVersion)header.Version, header.IdCode, header.Timestamp, timeBase, pmus, dataRate);
        return FrameRejection.None;
    }

    private static PmuConfig? ReadPmu3(ref WireReader reader)
    {
        var station = reader.ReadLengthPrefixedName();
        var idCode = reader.ReadUInt16();
        var globalId = reader.ReadGuid();
        var format = (DataFormat)(reader.ReadUInt16() & 0x000F);
        var phasorCount = reader.ReadUInt16();
        var analogCount = reader.ReadUInt16();
        var digitalCount = reader.ReadUInt16();

        // Names take at least their length byte each; scales and masks have fixed sizes.
        var minimum = phasorCount + analogCount + (16L * digitalCount)
            + (12L * phasorCount) + (8L * analogCount) + (4L * digitalCount) + 25;
        if (!reader.Has(minimum))
        {
            return null;
        }

        var phasorNames = ReadPrefixedNames(ref reader, phasorCount);
        var analogNames = ReadPrefixedNames(ref reader, analogCount);
        var digitalLabels = ReadPrefixedNames(ref reader, digitalCount * DigitalWord.BitsPerWord);

        var phasors = new PhasorChannel[phasorCount];
        for (var i = 0; i < phasorCount; i++)
        {
            var flags = reader.ReadUInt16();
            var type = reader.ReadByte();
            var user = reader.ReadByte();
            var scale = reader.ReadSingle();
            var angleOffset = reader.ReadSingle();
            phasors[i] = new PhasorChannel(phasorNames[i], (type & 0x08) == 0 ? PhasorKind.Voltage : PhasorKind.Current, scale, angleOffset)
            {
                ModificationFlags = flags,
                Component = (byte)(type & 0x07),
                UserFlags = user,
            };
        }

        var analogs = new AnalogChannel[analogCount];
        for (var i = 0; i < analogCount; i++)
        {
            var scale = reader.ReadSingle();
            var offset = reader.ReadSingle();
            analogs[i] = new AnalogChannel(analogNames[i], scale, offset);
        }

        var digitals = ReadDigitalUnits(ref reader, digitalLabels, digitalCount);
        var latitude = reader.ReadSingle();
        var longitude = reader.ReadSingle();
        var elevation = reader.ReadSingle();
        var serviceClass = (char)reader.ReadByte();
        var window = reader.ReadInt32();
        var groupDelay = reader.ReadInt32();
        var fnom = reader.ReadUInt16();
        var configChangeCount = reader.ReadUInt16();
        if (reader.Overrun)
        {
            return null;
        }

        return new PmuConfig(station, idCode, format, phasors, analogs, digitals, NominalFrequency(fnom), configChangeCount)
        {
            GlobalPmuId = globalId,
            Latitude = latitude,
            Longitude = longitude,
            Elevation = elevation,
            ServiceClass = serviceClass,
            Window = window,
            GroupDelay = groupDelay,
        };
    }

    private static string[] ReadFixedNames(ref WireReader reader, int count)
    {
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = reader.ReadFixedName(FixedNameWidth);
        }

        return names;
    }

    private static string[] ReadPrefixedNames(ref WireReader reader, int count)
    {
        var names = new string[count];
        for (var i = 0; i < count && !reader.Overrun; i++)
        {
            names[i] = reader.ReadLengthPrefixedName();
        }

        return names;
    }

    private static DigitalWord[] ReadDigitalUnits(ref WireReader reader, string[] labels, int count)
    {
        var words = new DigitalWord[count];
        for (var i = 0; i < count; i++)
        {
            var normal = reader.ReadUInt16();
            var valid = reader.ReadUInt16();
            var wordLabels = new ArraySegment<string>(labels, i * DigitalWord.BitsPerWord, DigitalWord.BitsPerWord);
            words[i] = new DigitalWord(wordLabels.Select(l => l ?? string.Empty).ToArray(), normal, valid);
        }

        return words;
    }

    /// <summary>FNOM bit 0: 1 means 50 Hz, 0 means 60 Hz.</summary>
    private static int NominalFrequency(ushort fnom) => (fnom & 1) != 0 ? 50 : 60;
}
