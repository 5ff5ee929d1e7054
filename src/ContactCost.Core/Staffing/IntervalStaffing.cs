using ContactCost.Costing;
using ContactCost.Interactions;

namespace ContactCost.Staffing;

/// <summary>The agents one forecast interval needs and, with a cost model, what scheduling them costs.</summary>
/// <param name="Forecast">The forecast row.</param>
/// <param name="Result">The agents needed and the queue with them.</param>
/// <param name="StaffCost">Scheduled hours × the wage of the group working the channel × (1 + burden), rounded half-up; null without a cost model or group.</param>
public sealed record IntervalStaffing(ForecastInterval Forecast, StaffingResult Result, Money? StaffCost)
{
    /// <summary>Agents to schedule: with shrinkage, more than are needed on the phones.</summary>
    public int Scheduled => Result.ScheduledAgents ?? Result.Agents;

    /// <summary>
    /// Staffs every row of <paramref name="forecast"/> of <paramref name="interval"/> length to the goals of <paramref name="template"/>
    /// (its traffic is replaced per row) and, with <paramref name="model"/>, prices the scheduled hours.
    /// </summary>
    public static IReadOnlyList<IntervalStaffing> Plan(IEnumerable<ForecastInterval> forecast, TimeSpan interval, StaffingRequest template, CostModel? model)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        ArgumentNullException.ThrowIfNull(template);
        var rows = new List<IntervalStaffing>();
        foreach (var row in forecast)
        {
            var request = template with { Traffic = new Traffic(row.Volume, interval, row.HandleTime) };
            var result = StaffingResult.Solve(request);
            var scheduled = result.ScheduledAgents ?? result.Agents;
            rows.Add(new IntervalStaffing(row, result, model is null ? null : Cost(model, row.Channel, scheduled, interval)));
        }

        return rows;
    }

    /// <summary>What <paramref name="agents"/> agents of the group working <paramref name="channel"/> cost for <paramref name="interval"/>; null when no group works it.</summary>
    public static Money? Cost(CostModel model, Channel channel, int agents, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(model);
        var group = model.AgentGroups.FirstOrDefault(g => g.Channels.Contains(channel));
        if (group is null)
            return null;
        var hours = agents * (decimal)interval.Ticks / TimeSpan.TicksPerHour;
        return new Money(hours * group.HourlyWage * (1m + group.BurdenRate), model.Currency).Round(RoundingMode.HalfUp);
    }
}
