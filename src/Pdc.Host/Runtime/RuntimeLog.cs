using Microsoft.Extensions.Logging;

namespace Pdc.Host.Runtime;

/// <summary>Every message the running PDC logs, with its event id, in one place.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1001, LogLevel.Information, "Input {Input}: {Count} PMU(s) known ({Names}).")]
    public static partial void DevicesChanged(ILogger logger, string input, int count, string names);

    [LoggerMessage(1008, LogLevel.Information, "The concentrator now aligns {Total} device(s).")]
    public static partial void Aligning(ILogger logger, int total);

    [LoggerMessage(1006, LogLevel.Warning, "Input {Input} reports PMU IDCODE {IdCode}, which input {Other} already reports: its frames are not aligned. Give every PMU its own IDCODE.")]
    public static partial void DuplicateDevice(ILogger logger, string input, ushort idCode, string other);

    [LoggerMessage(1007, LogLevel.Error, "The concentrator could not take the new device list: {Message}. It keeps aligning the previous one.")]
    public static partial void DeviceListRefused(ILogger logger, string message);

    [LoggerMessage(1002, LogLevel.Information, "{Summary}")]
    public static partial void Summary(ILogger logger, string summary);

    [LoggerMessage(1003, LogLevel.Information, "Status: {Address}api/status (devices, concentrator, outputs as JSON).")]
    public static partial void StatusListening(ILogger logger, Uri address);

    [LoggerMessage(1004, LogLevel.Information, "Output {Name}: C37.118 IDCODE {IdCode} on tcp {Endpoint}; connect a PDC or `pdc inspect` a capture of it.")]
    public static partial void OutputListening(ILogger logger, string name, ushort idCode, string endpoint);

    [LoggerMessage(1020, LogLevel.Information, "Recording what Pdc {What} to {Directory} (pcapng{Rotation}).")]
    public static partial void Recording(ILogger logger, string what, string directory, string rotation);

    [LoggerMessage(1021, LogLevel.Information, "Recorded {Files} file(s) in {Directory}: {Recorded} chunks of traffic, {Dropped} dropped because the disk fell behind.")]
    public static partial void Recorded(ILogger logger, int files, string directory, long recorded, long dropped);

    [LoggerMessage(1022, LogLevel.Error, "Recording stopped: {Reason}")]
    public static partial void RecordingFailed(ILogger logger, string reason);

    [LoggerMessage(1005, LogLevel.Warning, "Event {Severity} {Type} {Phase} {Subject}: {Message}")]
    public static partial void DetectorEvent(ILogger logger, Pdc.Analytics.EventSeverity severity, Pdc.Analytics.DetectorEventType type, Pdc.Analytics.EventPhase phase, string subject, string message);
}
