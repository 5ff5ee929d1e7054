namespace ContactCost.Staffing;

/// <summary>How a queue performs with a given number of agents, in the steady state.</summary>
/// <param name="Agents">Agents answering.</param>
/// <param name="ServiceLevel">Share of all arriving contacts answered within the target time.</param>
/// <param name="AverageSpeedOfAnswerSeconds">Mean wait of the answered contacts, in seconds (infinite when the queue grows without end).</param>
/// <param name="Occupancy">Share of the agents' time spent handling contacts.</param>
/// <param name="ProbabilityOfWaiting">Share of arriving contacts that find every agent busy.</param>
/// <param name="ProbabilityOfAbandon">Share of arriving contacts that hang up before an answer (0 without abandonment).</param>
public sealed record QueuePerformance(
    int Agents,
    double ServiceLevel,
    double AverageSpeedOfAnswerSeconds,
    double Occupancy,
    double ProbabilityOfWaiting,
    double ProbabilityOfAbandon);
