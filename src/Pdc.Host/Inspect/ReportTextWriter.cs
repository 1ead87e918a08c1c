using Pdc.Protocol;

namespace Pdc.Host.Inspect;

/// <summary>Writes a <see cref="CaptureReport"/> for a person to read.</summary>
internal static class ReportTextWriter
{
    public static void Write(TextWriter output, string file, CaptureReport report)
    {
        output.WriteLine($"{file}: {report.Format}, {report.Statistics.Packets} packets, {report.Streams.Count} C37.118 stream(s)");
        if (report.Streams.Count == 0)
        {
            output.WriteLine("  no C37.118 frames found: is this the right capture? (Pdc looks for SYNC 0xAA on every TCP and UDP flow)");
        }

        foreach (var stream in report.Streams)
        {
            WriteStream(output, stream);
        }
    }

    private static void WriteStream(TextWriter output, StreamInspection stream)
    {
        output.WriteLine();
        var ids = string.Join(", ", stream.IdCodes);
        var versions = string.Join(", ", stream.Versions.Select(v => v == 1 ? "2005" : v == 2 ? "2011" : $"v{v}"));
        output.WriteLine($"stream {stream.Flow}  IDCODE {ids}  C37.118-{versions}");
        output.WriteLine($"  frames      data {stream.DataFrames}, header {stream.HeaderFrames}, CFG-1 {stream.Config1Frames}, CFG-2 {stream.Config2Frames}, CFG-3 {stream.Config3Frames}, command {stream.CommandFrames}");
        if (stream.Commands.Count > 0)
        {
            output.WriteLine($"  commands    {string.Join(", ", stream.Commands.OrderBy(c => c.Key).Select(c => $"{ReportText.CommandName(c.Key)} ×{c.Value}"))}");
        }

        if (stream.Config is { } config)
        {
            var measured = ReportText.MeasuredRate(stream) is { } m ? $", measured {m:0.###}/s" : string.Empty;
            output.WriteLine($"  rate        {config.FramesPerSecond:0.###} frames/s{measured}, TIME_BASE {config.TimeBase}");
            foreach (var pmu in config.Pmus)
            {
                output.WriteLine($"  PMU {pmu.IdCode,-6}  \"{pmu.StationName}\"  {pmu.Phasors.Count} phasors, {pmu.Analogs.Count} analogs, {pmu.Digitals.Count} digital words; {ReportText.FormatName(pmu)}; {pmu.NominalFrequency} Hz; CFGCNT {pmu.ConfigChangeCount}");
            }
        }
        else if (stream.DataFrames == 0 && stream.Decoder.Rejections[FrameRejection.NoConfig] > 0)
        {
            output.WriteLine("  no config frame in this stream: pass --config with a capture or file that holds its CFG-2 to decode its data");
        }

        if (stream.First is { } first && stream.Last is { } last && stream.Config is { } c)
        {
            output.WriteLine($"  time        {first.ToDateTime(c.TimeBase):yyyy-MM-dd HH:mm:ss.fff} .. {last.ToDateTime(c.TimeBase):HH:mm:ss.fff} UTC ({ReportText.SpanSeconds(stream):0.###} s)");
        }

        output.WriteLine($"  quality     missing {stream.Reports.Missing}, duplicates {stream.Reports.Duplicates}, out of order {stream.Reports.OutOfOrder}, time-quality problems {stream.TimeQualityProblems}, CRC errors {stream.Decoder.Rejections[FrameRejection.BadCrc]}");
        var rejections = stream.Decoder.Rejections.NonZero().ToList();
        if (rejections.Count > 0)
        {
            output.WriteLine($"  refused     {string.Join(", ", rejections.Select(r => $"{ReportText.RejectionName(r.Reason)} ×{r.Count} ({r.Bytes} B)"))}");
        }

        if (stream.LostBytes > 0 || stream.TruncatedBytes > 0)
        {
            output.WriteLine($"  capture     {stream.LostBytes} bytes never captured, {stream.TruncatedBytes} bytes of a cut-off frame at the end");
        }
    }
}
