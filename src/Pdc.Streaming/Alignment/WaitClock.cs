namespace Pdc.Streaming.Alignment;

/// <summary>Which clock the lag time (wait window) is measured on.</summary>
public enum WaitClock
{
    /// <summary>The local clock: an instant is published once local time passes it by the lag time.</summary>
    Local,

    /// <summary>The newest frame time received: immune to a local clock offset, but stalls when every device stops.</summary>
    NewestFrame,
}
