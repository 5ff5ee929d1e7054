namespace ContactCost.Staffing;

/// <summary>
/// The Erlang A queue (M/M/n+M): callers hang up after an exponentially distributed patience.
/// Solved exactly from its birth-death chain; every probability is a ratio of sums of positive
/// terms kept in log space, so it is stable from one erlang to tens of thousands.
/// </summary>
public static class ErlangA
{
    // Terms smaller than e^-45 of the largest change nothing in double precision.
    private const double Negligible = -45;

    /// <summary>
    /// Performance of <paramref name="agents"/> agents facing <paramref name="traffic"/> when callers wait
    /// <paramref name="patience"/> on average; the service level counts only calls answered within <paramref name="answerWithin"/>.
    /// </summary>
    public static QueuePerformance Evaluate(Traffic traffic, int agents, TimeSpan patience, TimeSpan answerWithin)
    {
        ArgumentNullException.ThrowIfNull(traffic);
        ArgumentOutOfRangeException.ThrowIfNegative(agents);
        if (patience <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(patience), patience, "The mean patience must be longer than zero.");
        var lambda = traffic.ArrivalRate;
        if (lambda <= 0)
            return new QueuePerformance(agents, 1, 0, 0, 0, 0);
        var mu = 1 / traffic.HandleTime.TotalSeconds;
        var theta = 1 / patience.TotalSeconds;
        var t = answerWithin.TotalSeconds;
        var a = lambda / mu;
        var serviceRate = agents * mu;

        // Unnormalized log weights: π_k ∝ a^k / k! up to n agents busy, then each queue step j multiplies by λ / (nμ + jθ).
        var logA = Math.Log(a);
        var logPn = 0.0;
        var belowMax = 0.0;
        var logBelow = new double[agents];
        for (var k = 0; k < agents; k++)
        {
            logBelow[k] = logPn;
            belowMax = Math.Max(belowMax, logPn);
            logPn += logA - Math.Log(k + 1);
        }

        // Queue states n + j, j = 0, 1, ...: collect the weight and, per state, what an arriving caller experiences.
        var logLambda = Math.Log(lambda);
        var logOneMinusZ = Math.Log(-double.ExpM1(-theta * t));
        var x = serviceRate / theta + 1;
        var logQ = -(serviceRate + theta) * t; // log of the negative-binomial pmf at 0: the caller's P(answered later than t) builds from it
        var cumulative = 0.0;
        var meanToAnswer = 0.0;
        var queue = new List<double>();
        var answeredInTime = new List<double>();
        var answered = new List<double>();
        var answeredWait = new List<double>();
        var waiting = new List<double>();
        var logWeight = logPn;
        var queueMax = logPn;
        for (var j = 0; ; j++)
        {
            if (j > 0)
            {
                logWeight += logLambda - Math.Log(serviceRate + j * theta);
                logQ += Math.Log(x + j - 1) - Math.Log(j) + logOneMinusZ;
            }

            queueMax = Math.Max(queueMax, logWeight);
            if (j > 0 && logWeight < queueMax + Negligible && serviceRate + j * theta > lambda)
                break;

            // A caller arriving with j ahead is answered with probability nμ / (nμ + (j+1)θ); its wait then is a sum of
            // exponentials with rates nμ + (i+1)θ, i = 0..j, and exp(-θ·wait) is Beta(x, j+1), so P(wait > t) is a negative-binomial cdf.
            cumulative += Math.Exp(logQ);
            meanToAnswer += 1 / (serviceRate + (j + 1) * theta);
            var answer = serviceRate / (serviceRate + (j + 1) * theta);
            waiting.Add(logWeight);
            queue.Add(j);
            answered.Add(answer);
            answeredInTime.Add(answer * Math.Max(0, 1 - cumulative));
            answeredWait.Add(answer * meanToAnswer);
        }

        var max = Math.Max(belowMax, queueMax);
        var total = 0.0;
        for (var k = 0; k < agents; k++)
            total += Math.Exp(logBelow[k] - max);
        var below = total;
        double pWait = 0, inTime = 0, answerProbability = 0, waitSum = 0, queueLength = 0, busy = 0;
        for (var k = 0; k < agents; k++)
            busy += k * Math.Exp(logBelow[k] - max);
        for (var j = 0; j < waiting.Count; j++)
        {
            var w = Math.Exp(waiting[j] - max);
            total += w;
            pWait += w;
            inTime += w * answeredInTime[j];
            answerProbability += w * answered[j];
            waitSum += w * answeredWait[j];
            queueLength += w * queue[j];
            busy += w * agents;
        }

        var abandon = theta * (queueLength / total) / lambda;
        var answeredTotal = below + answerProbability;
        return new QueuePerformance(
            agents,
            ServiceLevel: (below + inTime) / total,
            AverageSpeedOfAnswerSeconds: answeredTotal == 0 ? double.PositiveInfinity : waitSum / answeredTotal,
            Occupancy: agents == 0 ? 1 : busy / total / agents,
            ProbabilityOfWaiting: pWait / total,
            ProbabilityOfAbandon: abandon);
    }
}
