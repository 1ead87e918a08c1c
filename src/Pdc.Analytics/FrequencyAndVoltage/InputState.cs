namespace Pdc.Analytics.FrequencyAndVoltage;

internal enum InputState
{
    /// <summary>The value is good: judge it.</summary>
    Valid,

    /// <summary>This sample is invalid but the input is not stale yet: ignore it, keep timers as they are.</summary>
    Ignored,

    /// <summary>The input is stale, invalid for too long or not configured: stop timers, report it.</summary>
    CannotJudge,
}
