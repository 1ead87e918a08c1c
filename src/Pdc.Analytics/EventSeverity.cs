namespace Pdc.Analytics;

public enum EventSeverity
{
    Info,
    Alarm,
    Trip,
}
