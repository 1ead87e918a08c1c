using Microsoft.Extensions.Logging;

namespace Pdc.Host.Runtime;

/// <summary>Every message the running PDC logs, with its event id, in one place.</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(1001, LogLevel.Information, "Input {Input}: {Count} PMU(s) known ({Names}); the concentrator now aligns {Total} device(s).")]
    public static partial void DevicesChanged(ILogger logger, string input, int count, string names, int total);

    [LoggerMessage(1002, LogLevel.Information, "{Summary}")]
    public static partial void Summary(ILogger logger, string summary);

    [LoggerMessage(1003, LogLevel.Information, "Status: {Address}api/status (devices, concentrator, outputs as JSON).")]
    public static partial void StatusListening(ILogger logger, Uri address);

    [LoggerMessage(1004, LogLevel.Information, "Output {Name}: C37.118 IDCODE {IdCode} on tcp {Endpoint}; connect a PDC or `pdc inspect` a capture of it.")]
    public static partial void OutputListening(ILogger logger, string name, ushort idCode, string endpoint);
}
