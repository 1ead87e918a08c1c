using Pdc.Analytics;
using Pdc.Streaming.Alignment;
using Pdc.Streaming.Ingest;
using Pdc.Streaming.Publishing;

namespace Pdc.Host.Configuration;

/// <summary>Everything pdc.json can say. Each section has sane defaults; <c>pdc demo</c> needs none of it.</summary>
internal sealed class PdcSettings
{
    /// <summary>Time alignment: output IDCODE and rate, lag and lead times, missing-data and time-quality policies.</summary>
    public AlignmentOptions Concentrator { get; set; } = new();

    /// <summary>The PMUs and upstream PDCs to read, each over one or more paths.</summary>
    public IngestOptions Ingest { get; set; } = new();

    /// <summary>The C37.118 streams to serve: each its own IDCODE, rate, format and device selection.</summary>
    public IList<OutputStreamOptions> Outputs { get; } = [];

    /// <summary>Detectors run on every aligned frame: oscillations, islanding, overload, frequency and voltage.</summary>
    public DetectorPipelineSettings Detectors { get; set; } = new();

    /// <summary>A JSON-lines file that every detector event is appended to; none when empty.</summary>
    public string EventLog { get; set; } = "";

    /// <summary>The local HTTP port for /api/status; empty to turn it off.</summary>
    public string Http { get; set; } = "127.0.0.1:8180";

    /// <summary>Messages for every bad setting, each prefixed with its key.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        problems.AddRange(Concentrator.Validate().Select(m => $"Concentrator: {m}"));
        for (var i = 0; i < Ingest.Inputs.Count; i++)
        {
            try
            {
                Ingest.Inputs[i].Validate();
            }
            catch (InvalidOperationException e)
            {
                problems.Add($"Ingest:Inputs:{i}: {e.Message}");
            }
        }

        for (var i = 0; i < Outputs.Count; i++)
        {
            problems.AddRange(Outputs[i].Validate().Select(m => $"Outputs:{i}: {m}"));
        }

        problems.AddRange(Detectors.Validate().Select(m => $"Detectors: {m}"));
        if (Http.Length > 0 && !System.Net.IPEndPoint.TryParse(Http, out _))
        {
            problems.Add($"Http: \"{Http}\" is not an address and port such as 127.0.0.1:8180 (empty turns the status port off).");
        }

        return problems;
    }
}
