using Pdc.Protocol;

namespace Pdc.Host.Inspect;

/// <summary>Names and derived figures shared by the text and JSON forms of the report.</summary>
internal static class ReportText
{
    public static string CommandName(CommandCode code) => code switch
    {
        CommandCode.TurnOffTransmission => "off",
        CommandCode.TurnOnTransmission => "on",
        CommandCode.SendHeader => "sendHeader",
        CommandCode.SendConfig1 => "sendCfg1",
        CommandCode.SendConfig2 => "sendCfg2",
        CommandCode.SendConfig3 => "sendCfg3",
        CommandCode.ExtendedFrame => "extended",
        >= CommandCode.UserDesignatedFirst and <= CommandCode.UserDesignatedLast => $"user0x{(ushort)code:X3}",
        _ => $"reserved0x{(ushort)code:X4}",
    };

    public static string RejectionName(FrameRejection reason) => reason switch
    {
        FrameRejection.BadSync => "badSync",
        FrameRejection.BadSize => "badSize",
        FrameRejection.BadCrc => "badCrc",
        FrameRejection.UnknownVersion => "unknownVersion",
        FrameRejection.NoConfig => "noConfig",
        FrameRejection.ConfigMismatch => "configMismatch",
        FrameRejection.Malformed => "malformed",
        _ => reason.ToString(),
    };

    /// <summary>"float polar" style: phasor type and notation, then the analog and FREQ types where they differ.</summary>
    public static string FormatName(PmuConfig pmu) =>
        $"phasors {(pmu.FloatPhasors ? "float" : "int")} {(pmu.PolarPhasors ? "polar" : "rect")}, "
        + $"analogs {(pmu.FloatAnalogs ? "float" : "int")}, freq {(pmu.FloatFrequency ? "float" : "int")}";

    /// <summary>Frames per second of frame time between the first and last data frame.</summary>
    public static double? MeasuredRate(StreamInspection stream)
    {
        var span = SpanSeconds(stream);
        return span > 0 && stream.DataFrames > 1 ? (stream.Reports.Reports - stream.Reports.Duplicates - 1) / span : null;
    }

    public static double SpanSeconds(StreamInspection stream)
    {
        if (stream.First is not { } first || stream.Last is not { } last || stream.Config is not { } config)
        {
            return 0;
        }

        return (last.ToUnixNanoseconds(config.TimeBase) - first.ToUnixNanoseconds(config.TimeBase)) / 1e9;
    }
}
