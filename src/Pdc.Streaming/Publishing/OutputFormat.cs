using Pdc.Protocol;

namespace Pdc.Streaming.Publishing;

/// <summary>
/// A device's FORMAT word and channel scaling as an output stream sends them. The data-frame encoder converts the
/// values (notation, int/float) from the config alone, so only the config needs converting here.
/// </summary>
internal static class OutputFormat
{
    /// <summary>Volts per bit when neither the options nor the device give one: 655 kV fits an unsigned magnitude.</summary>
    public const float DefaultVoltageScale = 10f;

    /// <summary>Amperes per bit when neither the options nor the device give one.</summary>
    public const float DefaultCurrentScale = 1f;

    private const DataFormat FloatFields = DataFormat.FloatPhasors | DataFormat.FloatAnalogs | DataFormat.FloatFrequency;

    public static DataFormat Apply(DataFormat source, OutputStreamOptions options)
    {
        var format = options.NumberFormat switch
        {
            OutputNumberFormat.Float => source | FloatFields,
            OutputNumberFormat.Integer => source & ~FloatFields,
            _ => source,
        };
        return options.PhasorNotation switch
        {
            OutputPhasorNotation.Polar => format | DataFormat.PolarPhasors,
            OutputPhasorNotation.Rectangular => format & ~DataFormat.PolarPhasors,
            _ => format,
        };
    }

    /// <summary>
    /// The channel as sent in <paramref name="output"/>'s format. An integer phasor's scale is always a whole PHUNIT
    /// (10^-5 units per step), so a receiver reads the same values from CFG-2 as from CFG-3's PHSCALE.
    /// </summary>
    public static PhasorChannel Phasor(PhasorChannel channel, PmuConfig source, PmuConfig output, OutputStreamOptions options)
    {
        if (output.FloatPhasors)
        {
            return channel;
        }

        var configured = channel.Kind == PhasorKind.Voltage ? options.VoltageScale : options.CurrentScale;
        var fallback = channel.Kind == PhasorKind.Voltage ? DefaultVoltageScale : DefaultCurrentScale;
        var factor = ToFactor(configured ?? (source.FloatPhasors ? channel.ConversionFactor * 1e-5 : channel.Scale));
        if (factor == 0)
        {
            factor = ToFactor(fallback);
        }

        return channel with { ConversionFactor = factor, Scale = (float)(factor * 1e-5) };
    }

    /// <summary>Integer analogs from a float source carry the value rounded (scale 1, no offset); all else passes through.</summary>
    public static AnalogChannel Analog(AnalogChannel channel, PmuConfig source, PmuConfig output) =>
        source.FloatAnalogs && !output.FloatAnalogs ? channel with { Scale = 1f, Offset = 0f } : channel;

    private static uint ToFactor(double unitsPerBit) => (uint)Math.Clamp(Math.Round(unitsPerBit * 1e5), 0, 0x00FF_FFFF);
}
