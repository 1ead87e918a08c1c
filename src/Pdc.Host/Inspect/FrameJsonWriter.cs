using System.Text.Json;
using Pdc.Protocol;

namespace Pdc.Host.Inspect;

/// <summary>Prints every decoded frame as one JSON object per line (<c>pdc inspect --frames --json</c>).</summary>
internal sealed class FrameJsonWriter(Stream output) : IDisposable
{
    private readonly Utf8JsonWriter json = new(output);

    public void Write(StreamInspection stream, long? packetNanoseconds, DecodedFrame frame)
    {
        json.Reset();
        json.WriteStartObject();
        json.WriteString("flow", stream.Flow.ToString());
        if (packetNanoseconds is { } ns)
        {
            json.WriteNumber("packetTimeNs", ns);
        }

        if (frame.Rejection != FrameRejection.None)
        {
            json.WriteString("rejected", ReportText.RejectionName(frame.Rejection));
            json.WriteNumber("bytes", frame.SkippedBytes);
        }
        else
        {
            WriteFrame(frame, stream.Config?.TimeBase);
        }

        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private void WriteFrame(DecodedFrame frame, uint? streamTimeBase)
    {
        var header = frame.FrameHeader;
        var timeBase = frame.Data?.Config.TimeBase ?? frame.Config?.TimeBase ?? streamTimeBase;
        json.WriteString("type", header.Type.ToString());
        json.WriteNumber("version", header.Version);
        json.WriteNumber("idcode", header.IdCode);
        json.WriteNumber("soc", header.Soc);
        json.WriteNumber("fracsec", header.FractionOfSecond);
        json.WriteNumber("timeQuality", header.TimeQuality.Value);
        if (timeBase is { } tb)
        {
            json.WriteString("time", header.Timestamp.ToDateTime(tb).ToString("O"));
        }

        if (frame.Data is { } data)
        {
            WriteData(data);
        }
        else if (frame.Command is { } command)
        {
            json.WriteNumber("command", (ushort)command.Command);
            json.WriteString("commandName", ReportText.CommandName(command.Command));
        }
        else if (frame.Config is { } config)
        {
            json.WriteNumber("pmus", config.Pmus.Count);
            json.WriteNumber("rate", config.FramesPerSecond);
            json.WriteNumber("timeBase", config.TimeBase);
        }
        else if (frame.Header is { } text)
        {
            json.WriteString("text", text.Text);
        }
    }

    private void WriteData(DataFrame data)
    {
        json.WriteStartArray("pmus");
        for (var p = 0; p < data.Config.Pmus.Count; p++)
        {
            json.WriteStartObject();
            json.WriteNumber("idcode", data.Config.Pmus[p].IdCode);
            json.WriteNumber("stat", data.Stat[p]);
            json.WriteStartArray("phasors");
            foreach (var phasor in data.PhasorsOf(p))
            {
                json.WriteStartObject();
                WriteFloat("magnitude", phasor.Magnitude);
                WriteFloat("angle", phasor.Angle);
                WriteFloat("real", phasor.Real);
                WriteFloat("imaginary", phasor.Imaginary);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteFloat("freq", data.Frequency[p]);
            WriteFloat("dfreq", data.Rocof[p]);
            json.WriteStartArray("analogs");
            foreach (var analog in data.AnalogsOf(p))
            {
                WriteFloatValue(analog);
            }

            json.WriteEndArray();
            json.WriteStartArray("digitals");
            foreach (var digital in data.DigitalsOf(p))
            {
                json.WriteNumberValue(digital);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>JSON has no NaN: absent data is written as null.</summary>
    private void WriteFloat(string name, float value)
    {
        json.WritePropertyName(name);
        WriteFloatValue(value);
    }

    private void WriteFloatValue(float value)
    {
        if (float.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    public void Dispose() => json.Dispose();
}
