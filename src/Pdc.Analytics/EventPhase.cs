namespace Pdc.Analytics;

/// <summary>Each condition is reported twice: when it starts and when it ends.</summary>
public enum EventPhase
{
    Start,
    End,
}
