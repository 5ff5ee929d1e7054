namespace ContactCost.Staffing;

/// <summary>The fewest agents that meet a staffing request, with how the queue performs with them.</summary>
/// <param name="Request">What was asked.</param>
/// <param name="Performance">The queue with the agents found.</param>
/// <param name="ScheduledAgents">Agents to schedule so that enough are available after shrinkage; null without shrinkage.</param>
public sealed record StaffingResult(StaffingRequest Request, QueuePerformance Performance, int? ScheduledAgents)
{
    /// <summary>Agents needed on the phones.</summary>
    public int Agents => Performance.Agents;

    /// <summary>Offered load in erlangs.</summary>
    public double Erlangs => Request.Traffic.Erlangs;

    /// <summary>True when the result comes from Erlang A (callers abandon), false for Erlang C.</summary>
    public bool WithAbandonment => Request.Patience is not null;

    /// <summary>Solves <paramref name="request"/>: Erlang C, or Erlang A when it has a patience.</summary>
    public static StaffingResult Solve(StaffingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var agents = AgentSearch.Smallest(n => Meets(request, Evaluate(request, n)));
        var performance = Evaluate(request, agents);
        return new StaffingResult(request, performance, Scheduled(agents, request.Shrinkage));
    }

    /// <summary>The queue with <paramref name="agents"/> agents, by the model the request calls for.</summary>
    public static QueuePerformance Evaluate(StaffingRequest request, int agents)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Patience is { } patience
            ? ErlangA.Evaluate(request.Traffic, agents, patience, request.Target.AnswerWithin)
            : ErlangC.Evaluate(request.Traffic, agents, request.Target.AnswerWithin);
    }

    /// <summary>Agents to schedule so that <paramref name="agents"/> remain after <paramref name="shrinkage"/>: ceil(agents / (1 − shrinkage)).</summary>
    public static int? Scheduled(int agents, decimal? shrinkage) =>
        shrinkage is { } s ? (int)decimal.Ceiling(agents / (1m - s)) : null;

    private static bool Meets(StaffingRequest request, QueuePerformance q) =>
        q.ServiceLevel >= request.Target.Fraction
        && (request.MaxOccupancy is not { } occupancy || q.Occupancy <= occupancy)
        && (request.MaxAbandon is not { } abandon || request.Patience is null || q.ProbabilityOfAbandon <= abandon);
}
