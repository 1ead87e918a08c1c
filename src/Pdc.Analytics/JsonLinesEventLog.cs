using System.Text.Json;

namespace Pdc.Analytics;

/// <summary>
/// Writes each event as one JSON object on its own line (JSON Lines) to a stream, flushing after each so a
/// reader tailing the file sees whole lines. Times are Unix nanoseconds and ISO 8601 UTC; non-finite
/// numbers are written as null. Safe to publish to from several threads.
/// </summary>
public sealed class JsonLinesEventLog : IDetectorEventSink, IDisposable
{
    private readonly Lock gate = new();
    private readonly Stream stream;
    private readonly bool ownsStream;
    private readonly Utf8JsonWriter writer;

    public JsonLinesEventLog(Stream stream, bool ownsStream = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        this.stream = stream;
        this.ownsStream = ownsStream;
        writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, SkipValidation = false });
    }

    public void Publish(DetectorEvent detectorEvent)
    {
        ArgumentNullException.ThrowIfNull(detectorEvent);
        lock (gate)
        {
            try
            {
                Write(writer, detectorEvent);
                writer.Flush();
                stream.WriteByte((byte)'\n');
                stream.Flush();
            }
            finally
            {
                // After a failed write (a full disk) the writer must start the next event afresh.
                writer.Reset();
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
            if (ownsStream)
            {
                stream.Dispose();
            }
        }
    }

    private static void Write(Utf8JsonWriter json, DetectorEvent e)
    {
        json.WriteStartObject();
        json.WriteString("detector", e.Detector);
        json.WriteString("type", e.Type.ToString());
        json.WriteString("severity", e.Severity.ToString());
        json.WriteString("phase", e.Phase.ToString());
        json.WriteString("subject", e.Subject);
        WriteTime(json, "time", e.TimeUnixNanoseconds);
        WriteTime(json, "start", e.StartUnixNanoseconds);
        if (e.EndUnixNanoseconds is { } end)
        {
            WriteTime(json, "end", end);
        }

        json.WriteStartArray("pmus");
        foreach (var pmu in e.Pmus)
        {
            json.WriteStringValue(pmu);
        }

        json.WriteEndArray();
        WriteValues(json, "values", e.Values);
        WriteValues(json, "settings", e.Settings);
        WriteNumber(json, "confidence", e.Confidence);
        json.WriteString("message", e.Message);
        json.WriteEndObject();
    }

    private static void WriteTime(Utf8JsonWriter json, string name, long unixNanoseconds)
    {
        json.WriteNumber(name + "_ns", unixNanoseconds);
        var utc = DateTime.UnixEpoch.AddTicks(unixNanoseconds / 100);
        json.WriteString(name, utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"));
    }

    private static void WriteValues(Utf8JsonWriter json, string name, IReadOnlyList<EventValue> values)
    {
        json.WriteStartObject(name);
        foreach (var value in values)
        {
            WriteNumber(json, value.Name, value.Value);
        }

        json.WriteEndObject();
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
