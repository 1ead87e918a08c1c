using System.Text;
using System.Text.Json;

namespace Pdc.Analytics.Tests;

public class EventReportingTests
{
    private static readonly DetectorEvent Started = new()
    {
        Detector = "ufls",
        Type = DetectorEventType.UnderFrequencyLoadShedding,
        Severity = EventSeverity.Trip,
        Subject = "stage 1",
        TimeUnixNanoseconds = 1_700_000_000_500_000_000,
        StartUnixNanoseconds = 1_700_000_000_300_000_000,
        Pmus = ["PMU0", "PMU1"],
        Values = [new("frequency_hz", 59.25), new("ratio", double.NaN)],
        Settings = [new("pickup_hz", 59.3)],
        Confidence = 0.5,
        Message = "stage 1 operated",
    };

    [Fact]
    public void EventLog_WritesOneJsonObjectPerLine()
    {
        using var stream = new MemoryStream();
        using (var log = new JsonLinesEventLog(stream))
        {
            log.Publish(Started);
            log.Publish(Started with { Phase = EventPhase.End, EndUnixNanoseconds = 1_700_000_002_000_000_000 });
        }

        var lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        var root = first.RootElement;
        Assert.Equal("ufls", root.GetProperty("detector").GetString());
        Assert.Equal("UnderFrequencyLoadShedding", root.GetProperty("type").GetString());
        Assert.Equal("Trip", root.GetProperty("severity").GetString());
        Assert.Equal("Start", root.GetProperty("phase").GetString());
        Assert.Equal(1_700_000_000_300_000_000, root.GetProperty("start_ns").GetInt64());
        Assert.Equal("2023-11-14T22:13:20.3000000Z", root.GetProperty("start").GetString());
        Assert.Equal(["PMU0", "PMU1"], root.GetProperty("pmus").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(59.25, root.GetProperty("values").GetProperty("frequency_hz").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("values").GetProperty("ratio").ValueKind);
        Assert.Equal(59.3, root.GetProperty("settings").GetProperty("pickup_hz").GetDouble());
        Assert.False(root.TryGetProperty("end", out _));
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Equal(1_700_000_002_000_000_000, second.RootElement.GetProperty("end_ns").GetInt64());
    }

    [Fact]
    public void EventLog_AfterAWriteFailed_WritesTheNextEventWhole()
    {
        using var disk = new FailingOnce();
        using var log = new JsonLinesEventLog(disk);

        Assert.Throws<IOException>(() => log.Publish(Started));
        log.Publish(Started with { Subject = "stage 2" });

        var line = Encoding.UTF8.GetString(disk.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
        using var written = JsonDocument.Parse(line);
        Assert.Equal("stage 2", written.RootElement.GetProperty("subject").GetString());
    }

    /// <summary>A disk that is full for the first flush, then has room again.</summary>
    private sealed class FailingOnce : MemoryStream
    {
        private bool failed;

        public override void Flush()
        {
            if (!failed)
            {
                failed = true;
                SetLength(0);
                throw new IOException("No space left on device");
            }

            base.Flush();
        }
    }

    [Fact]
    public void Hub_DeliversToEverySubscriberUntilItUnsubscribes()
    {
        var hub = new DetectorEventHub();
        var first = new List<DetectorEvent>();
        var second = new List<DetectorEvent>();
        var subscription = hub.Subscribe(first.Add);
        hub.Subscribe(second.Add);

        hub.Publish(Started);
        subscription.Dispose();
        hub.Publish(Started);

        Assert.Single(first);
        Assert.Equal(2, second.Count);
    }
}
