using System.Text.Json;
using Pdc.Protocol;

namespace Pdc.Host.Inspect;

/// <summary>Writes a <see cref="CaptureReport"/> as the JSON summary of <c>pdc inspect --json</c>.</summary>
internal static class ReportJsonWriter
{
    public static void Write(Stream output, string file, CaptureReport report)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("file", file);
        json.WriteString("format", report.Format.ToString());
        json.WriteNumber("packets", report.Statistics.Packets);
        if (report.Error is { } error)
        {
            json.WriteStartObject("error");
            json.WriteNumber("offset", error.Offset);
            json.WriteString("message", error.Message);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("error");
        }

        json.WriteStartArray("streams");
        foreach (var stream in report.Streams)
        {
            WriteStream(json, stream);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStream(Utf8JsonWriter json, StreamInspection stream)
    {
        var flow = stream.Flow;
        json.WriteStartObject();
        json.WriteString("flow", flow.ToString());
        json.WriteString("transport", flow.Transport.ToString().ToLowerInvariant());
        json.WriteString("source", flow.SourceAddress is null ? null : $"{flow.SourceAddress}:{flow.SourcePort}");
        json.WriteString("destination", flow.DestinationAddress is null ? null : $"{flow.DestinationAddress}:{flow.DestinationPort}");
        if (stream.IdCodes.Count > 0)
        {
            json.WriteNumber("idcode", stream.Config?.IdCode ?? stream.IdCodes.First());
        }
        else
        {
            json.WriteNull("idcode");
        }

        json.WriteStartArray("idcodes");
        foreach (var id in stream.IdCodes)
        {
            json.WriteNumberValue(id);
        }

        json.WriteEndArray();
        json.WriteStartArray("versions");
        foreach (var version in stream.Versions)
        {
            json.WriteNumberValue(version);
        }

        json.WriteEndArray();
        json.WriteStartObject("frames");
        json.WriteNumber("data", stream.DataFrames);
        json.WriteNumber("header", stream.HeaderFrames);
        json.WriteNumber("cfg1", stream.Config1Frames);
        json.WriteNumber("cfg2", stream.Config2Frames);
        json.WriteNumber("cfg3", stream.Config3Frames);
        json.WriteNumber("command", stream.CommandFrames);
        json.WriteEndObject();
        json.WriteStartObject("commands");
        foreach (var (code, count) in stream.Commands.OrderBy(c => c.Key))
        {
            json.WriteNumber(ReportText.CommandName(code), count);
        }

        json.WriteEndObject();
        WriteRate(json, stream);
        WriteTimes(json, stream);
        json.WriteNumber("crcErrors", stream.Decoder.Rejections[FrameRejection.BadCrc]);
        json.WriteNumber("missing", stream.Reports.Missing);
        json.WriteNumber("duplicates", stream.Reports.Duplicates);
        json.WriteNumber("outOfOrder", stream.Reports.OutOfOrder);
        json.WriteNumber("timeQualityProblems", stream.TimeQualityProblems);
        json.WriteNumber("lostBytes", stream.LostBytes);
        json.WriteNumber("truncatedBytes", stream.TruncatedBytes);
        json.WriteStartObject("rejections");
        foreach (var (reason, count, bytes) in stream.Decoder.Rejections.NonZero())
        {
            json.WriteStartObject(ReportText.RejectionName(reason));
            json.WriteNumber("count", count);
            json.WriteNumber("bytes", bytes);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        WritePmus(json, stream.Config);
        json.WriteEndObject();
    }

    private static void WriteRate(Utf8JsonWriter json, StreamInspection stream)
    {
        if (stream.Config is { } config)
        {
            json.WriteNumber("rate", config.FramesPerSecond);
            json.WriteNumber("timeBase", config.TimeBase);
        }
        else
        {
            json.WriteNull("rate");
        }

        if (ReportText.MeasuredRate(stream) is { } measured)
        {
            json.WriteNumber("measuredRate", Math.Round(measured, 3));
        }
        else
        {
            json.WriteNull("measuredRate");
        }
    }

    private static void WriteTimes(Utf8JsonWriter json, StreamInspection stream)
    {
        var timeBase = stream.Config?.TimeBase ?? 1_000_000;
        json.WriteString("firstTime", stream.First?.ToDateTime(timeBase).ToString("O"));
        json.WriteString("lastTime", stream.Last?.ToDateTime(timeBase).ToString("O"));
        json.WriteNumber("spanSeconds", Math.Round(ReportText.SpanSeconds(stream), 6));
    }

    private static void WritePmus(Utf8JsonWriter json, ConfigFrame? config)
    {
        json.WriteStartArray("pmus");
        foreach (var pmu in config?.Pmus ?? [])
        {
            json.WriteStartObject();
            json.WriteNumber("idcode", pmu.IdCode);
            json.WriteString("name", pmu.StationName);
            json.WriteNumber("phasors", pmu.Phasors.Count);
            json.WriteNumber("analogs", pmu.Analogs.Count);
            json.WriteNumber("digitals", pmu.Digitals.Count);
            json.WriteString("format", ReportText.FormatName(pmu));
            json.WriteNumber("fnom", pmu.NominalFrequency);
            json.WriteNumber("cfgcnt", pmu.ConfigChangeCount);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
