namespace Pdc.Simulation.Scenarios.Events;

/// <summary>How one PMU takes part in an oscillation: its phase in the mode shape and its relative amplitude.</summary>
internal readonly record struct PmuParticipation(int Pmu, double PhaseRadians, double Gain);
