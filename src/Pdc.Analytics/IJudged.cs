namespace Pdc.Analytics;

/// <summary>A detector's subject (a signal, a group, a line) that carries its own <see cref="Analytics.Judgement"/>.</summary>
internal interface IJudged
{
    Judgement Judgement { get; }
}
