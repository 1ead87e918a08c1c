using Pdc.Capture;

namespace Pdc.Host.Inspect;

/// <summary>Everything <c>pdc inspect</c> found in one capture file.</summary>
internal sealed record CaptureReport(
    CaptureFormat Format,
    IReadOnlyList<StreamInspection> Streams,
    CaptureStatistics Statistics,
    CaptureError? Error);
