namespace Pdc.Simulation.Scenarios;

/// <summary>A scenario that cannot be used: bad JSON, or a field that is missing, unknown or out of range. The message names it.</summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
    {
    }

    public ScenarioException(string message)
        : base(message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
