using FsCheck;
using FsCheck.Fluent;

namespace Pdc.Protocol.Tests.Support;

/// <summary>
/// FsCheck generators for configurations: random formats, channel counts, names, scalings and CFG-3 extras, in the
/// ranges where an integer field scaled to float32 engineering units scales back to the same integer.
/// </summary>
internal static class ProtocolGen
{
    // Initialized first: the generators below draw from it.
    private static readonly string Latin1Characters =
        new(Enumerable.Range(0x20, 0x5F).Concat(Enumerable.Range(0xA0, 0x60)).Select(c => (char)c).ToArray());

    public static Gen<ushort> UInt16 { get; } = Gen.Choose(0, ushort.MaxValue).Select(i => (ushort)i);

    public static Gen<uint> UInt32 { get; } = UInt16.Two().Select(t => ((uint)t.Item1 << 16) | t.Item2);

    /// <summary>Any 32 bits as a float: NaNs with payloads, infinities, subnormals, negative zero.</summary>
    public static Gen<float> AnyFloat { get; } = UInt32.Select(BitConverter.UInt32BitsToSingle);

    public static Gen<ProtocolVersion> Version { get; } = Gen.Elements(ProtocolVersion.Ieee2005, ProtocolVersion.Ieee2011);

    public static Gen<FrameTimestamp> Timestamp { get; } = UInt32.Two().Select(t => new FrameTimestamp(t.Item1, t.Item2));

    /// <summary>A CFG-1/2 name: up to 16 Latin-1 characters, not ending in the space or NUL that pads it.</summary>
    public static Gen<string> FixedName { get; } =
        from length in Gen.Choose(0, 16)
        from chars in Gen.Elements(Latin1Characters.ToCharArray()).ArrayOf(length)
        select new string(chars).TrimEnd(' ', '\0');

    /// <summary>A CFG-3 name: up to 40 characters of UTF-8, some of them several bytes long (well under 255 bytes).</summary>
    public static Gen<string> PrefixedName { get; } =
        from length in Gen.Choose(0, 40)
        from parts in Gen.Elements("a", "Z", "0", " ", "_", "é", "Ω", "中", "\U0001F50C").ArrayOf(length)
        select string.Concat(parts);

    public static Gen<DataFormat> Format { get; } = Gen.Choose(0, 15).Select(f => (DataFormat)f);

    public static Gen<ConfigFrame> Config12 { get; } =
        from type in Gen.Elements(FrameType.Config1, FrameType.Config2)
        from pmus in Gen.Choose(0, 3).SelectMany(n => Pmu12.ArrayOf(n))
        from config in Config(type, pmus)
        select config;

    public static Gen<ConfigFrame> Config3 { get; } =
        from pmus in Gen.Choose(0, 3).SelectMany(n => Pmu3.ArrayOf(n))
        from config in Config(FrameType.Config3, pmus)
        select config;

    /// <summary>Any configuration whose data frames fit a frame.</summary>
    public static Gen<ConfigFrame> AnyConfig { get; } = Gen.OneOf(Config12, Config3);

    private static Gen<PmuConfig> Pmu12 { get; } =
        from station in FixedName
        from idCode in UInt16
        from format in Format
        from phasors in Gen.Choose(0, 8).SelectMany(n => Phasor12.ArrayOf(n))
        from analogs in Gen.Choose(0, 4).SelectMany(n => Analog12.ArrayOf(n))
        from digitals in Gen.Choose(0, 2).SelectMany(n => Digital(FixedName).ArrayOf(n))
        from fnom in Gen.Elements(50, 60)
        from count in UInt16
        select new PmuConfig(station, idCode, format, phasors, analogs, digitals, fnom, count);

    private static Gen<PmuConfig> Pmu3 { get; } =
        from station in PrefixedName
        from idCode in UInt16
        from id in UInt32.ArrayOf(4)
        from format in Format
        from phasors in Gen.Choose(0, 8).SelectMany(n => Phasor3.ArrayOf(n))
        from analogs in Gen.Choose(0, 4).SelectMany(n => Analog3.ArrayOf(n))
        from digitals in Gen.Choose(0, 2).SelectMany(n => Digital(PrefixedName).ArrayOf(n))
        from fnom in Gen.Elements(50, 60)
        from count in UInt16
        from position in AnyFloat.ArrayOf(3)
        from serviceClass in Gen.Choose(0, 255)
        from timing in UInt32.Two()
        select new PmuConfig(station, idCode, format, phasors, analogs, digitals, fnom, count)
        {
            GlobalPmuId = new Guid(id.SelectMany(BitConverter.GetBytes).ToArray()),
            Latitude = position[0],
            Longitude = position[1],
            Elevation = position[2],
            ServiceClass = (char)serviceClass,
            Window = (int)timing.Item1,
            GroupDelay = (int)timing.Item2,
        };

    /// <summary>PHUNIT from 1 (10 µV per bit) to its 24-bit maximum; 0 would make every integer phasor 0.</summary>
    private static Gen<PhasorChannel> Phasor12 { get; } =
        from name in FixedName
        from kind in Gen.Elements(PhasorKind.Voltage, PhasorKind.Current)
        from factor in Gen.OneOf(Gen.Choose(1, 0x00FF_FFFF), Gen.Elements(1, 915_527, 0x00FF_FFFF))
        select new PhasorChannel(name, kind, (uint)factor);

    private static Gen<AnalogChannel> Analog12 { get; } =
        from name in FixedName
        from type in Gen.Choose(0, 255)
        from scale in Gen.Choose(-0x80_0000, 0x7F_FFFF)
        select new AnalogChannel(name, (byte)type, scale);

    /// <summary>PHSCALE: a float scale from 1e-4 to 100 (either sign), any angle offset, flags, component and user byte.</summary>
    private static Gen<PhasorChannel> Phasor3 { get; } =
        from name in PrefixedName
        from kind in Gen.Elements(PhasorKind.Voltage, PhasorKind.Current)
        from scale in Gen.Choose(1, 1_000_000).Select(k => k * 1e-4f)
        from sign in Gen.Elements(1f, -1f)
        from offset in AnyFloat
        from flags in UInt16
        from component in Gen.Choose(0, 7)
        from user in Gen.Choose(0, 255)
        select new PhasorChannel(name, kind, sign * scale, offset) { ModificationFlags = flags, Component = (byte)component, UserFlags = (byte)user };

    /// <summary>ANSCALE: a scale from 1e-3 to 100 and an offset of at most 250, so raw × scale + offset keeps the raw integer.</summary>
    private static Gen<AnalogChannel> Analog3 { get; } =
        from name in PrefixedName
        from scale in Gen.Choose(1, 100_000).Select(k => k * 1e-3f)
        from offset in Gen.Choose(-1000, 1000).Select(k => k * 0.25f)
        select new AnalogChannel(name, scale, offset);

    private static Gen<DigitalWord> Digital(Gen<string> names) =>
        from labels in names.ArrayOf(DigitalWord.BitsPerWord)
        from normal in UInt16
        from valid in UInt16
        select new DigitalWord(labels, normal, valid);

    private static Gen<ConfigFrame> Config(FrameType type, PmuConfig[] pmus) =>
        from version in Version
        from idCode in UInt16
        from timestamp in Timestamp
        from timeBase in Gen.Choose(1, 0x00FF_FFFF)
        from dataRate in Gen.Choose(short.MinValue, short.MaxValue)
        select new ConfigFrame(type, version, idCode, timestamp, (uint)timeBase, pmus, (short)dataRate);
}
