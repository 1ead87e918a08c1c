using System.Globalization;
using System.Text;
using Pdc.Protocol;

namespace Pdc.Host.Inspect;

/// <summary>Prints every decoded frame as one line of text (<c>pdc inspect --frames</c>).</summary>
internal sealed class FrameTextWriter(TextWriter output)
{
    private readonly StringBuilder line = new();

    public void Write(StreamInspection stream, long? packetNanoseconds, DecodedFrame frame)
    {
        line.Clear();
        var header = frame.FrameHeader;
        if (frame.Rejection != FrameRejection.None)
        {
            line.Append(CultureInfo.InvariantCulture, $"{stream.Flow}  refused {ReportText.RejectionName(frame.Rejection)} ({frame.SkippedBytes} B)");
            output.WriteLine(line);
            return;
        }

        var timeBase = frame.Data?.Config.TimeBase ?? frame.Config?.TimeBase ?? stream.Config?.TimeBase ?? 1_000_000;
        line.Append(CultureInfo.InvariantCulture, $"{header.Timestamp.ToDateTime(timeBase):yyyy-MM-dd HH:mm:ss.ffffff} ID {header.IdCode} ");
        if (frame.Data is { } data)
        {
            AppendData(data);
        }
        else if (frame.Config is { } config)
        {
            line.Append(CultureInfo.InvariantCulture, $"CFG-{(int)config.Type - 1} {config.Pmus.Count} PMU(s), {config.FramesPerSecond:0.###}/s, TIME_BASE {config.TimeBase}");
        }
        else if (frame.Command is { } command)
        {
            line.Append(CultureInfo.InvariantCulture, $"command {ReportText.CommandName(command.Command)} ({(ushort)command.Command})");
        }
        else if (frame.Header is { } text)
        {
            line.Append(CultureInfo.InvariantCulture, $"header \"{text.Text.TrimEnd('\0')}\"");
        }
        else
        {
            line.Append("CFG-3 fragment");
        }

        output.WriteLine(line);
    }

    private void AppendData(DataFrame data)
    {
        line.Append(CultureInfo.InvariantCulture, $"data TQ {data.Timestamp.TimeQuality}");
        for (var p = 0; p < data.Config.Pmus.Count; p++)
        {
            line.Append(CultureInfo.InvariantCulture, $" | PMU {data.Config.Pmus[p].IdCode} STAT {new Stat(data.Stat[p])}");
            foreach (var phasor in data.PhasorsOf(p))
            {
                line.Append(CultureInfo.InvariantCulture, $" {phasor.Magnitude:0.###}∠{phasor.Angle * 180 / MathF.PI:0.###}°");
            }

            line.Append(CultureInfo.InvariantCulture, $" f {data.Frequency[p]:0.####} Hz df/dt {data.Rocof[p]:0.###} Hz/s");
            foreach (var analog in data.AnalogsOf(p))
            {
                line.Append(CultureInfo.InvariantCulture, $" a {analog:0.###}");
            }

            foreach (var digital in data.DigitalsOf(p))
            {
                line.Append(CultureInfo.InvariantCulture, $" d 0x{digital:X4}");
            }
        }
    }
}
