namespace ContactCost.Staffing;

/// <summary>
/// The Erlang C queue (M/M/n, callers wait as long as it takes), computed through the Erlang B
/// recursion in log space: no factorials or powers, so tens of thousands of erlangs stay exact.
/// </summary>
public static class ErlangC
{
    /// <summary>The Erlang B blocking probability of <paramref name="erlangs"/> offered to <paramref name="agents"/> servers.</summary>
    public static double ErlangB(double erlangs, int agents) => Math.Exp(LogErlangB(erlangs, agents));

    /// <summary>The probability that an arriving call waits (Erlang C); 1 when the agents cannot keep up.</summary>
    public static double ProbabilityOfWaiting(double erlangs, int agents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        if (erlangs <= 0)
            return 0;
        if (agents <= erlangs)
            return 1;
        var b = ErlangB(erlangs, agents);
        return agents * b / (agents - erlangs * (1 - b));
    }

    /// <summary>Performance of <paramref name="agents"/> agents facing <paramref name="traffic"/> with a goal of answering within <paramref name="answerWithin"/>.</summary>
    public static QueuePerformance Evaluate(Traffic traffic, int agents, TimeSpan answerWithin)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        var a = traffic.Erlangs;
        if (a <= 0)
            return new QueuePerformance(agents, 1, 0, 0, 0, 0);
        if (agents <= a)
            return new QueuePerformance(agents, 0, double.PositiveInfinity, 1, 1, 0);
        var wait = ProbabilityOfWaiting(a, agents);
        var aht = traffic.HandleTime.TotalSeconds;
        var spare = agents - a;
        var serviceLevel = 1 - wait * Math.Exp(-spare * answerWithin.TotalSeconds / aht);
        var asa = wait * aht / spare;
        return new QueuePerformance(agents, serviceLevel, asa, agents == 0 ? 0 : a / agents, wait, 0);
    }

    // log B(n) = log a + log B(n-1) - log(n + a B(n-1)), from B(0) = 1.
    internal static double LogErlangB(double erlangs, int agents)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        if (erlangs <= 0)
            return agents == 0 ? 0 : double.NegativeInfinity;
        var logA = Math.Log(erlangs);
        var logB = 0.0;
        for (var n = 1; n <= agents; n++)
            logB = logA + logB - Math.Log(n + erlangs * Math.Exp(logB));
        return logB;
    }
}
