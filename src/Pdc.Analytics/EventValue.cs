namespace Pdc.Analytics;

/// <summary>A named number in an event; the name carries the unit (frequency_hz, damping_percent).</summary>
public readonly record struct EventValue(string Name, double Value);
