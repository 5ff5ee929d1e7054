namespace ContactCost.Planning;

/// <summary>Where the per-seat plan and pay-per-use cost the same, and both cost curves.</summary>
/// <param name="Scenario">The scenario.</param>
/// <param name="BreakEvenVolume">The monthly volume where both cost the same, to two decimals; null when the lines never cross at a positive volume.</param>
/// <param name="Curve">Both monthly costs from 0 to the largest volume.</param>
public sealed record BreakEvenAnalysis(BreakEvenScenario Scenario, decimal? BreakEvenVolume, IReadOnlyList<BreakEvenPoint> Curve)
{
    /// <summary>The seat plan's price per contact for the mix.</summary>
    public decimal SeatPerContact => Scenario.SeatPlan.PerContactFor(Scenario.Mix);

    /// <summary>Pay-per-use's price per contact for the mix.</summary>
    public decimal PayPerUsePerContact => Scenario.PayPerUse.PerContactFor(Scenario.Mix);

    /// <summary>Solves <paramref name="scenario"/>: fixed₁ + v·p₁ = fixed₂ + v·p₂ gives v = (fixed₁ − fixed₂) / (p₂ − p₁).</summary>
    public static BreakEvenAnalysis Of(BreakEvenScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var seat = scenario.SeatPlan;
        var use = scenario.PayPerUse;
        var slope = use.PerContactFor(scenario.Mix) - seat.PerContactFor(scenario.Mix);
        var gap = seat.MonthlyFixed - use.MonthlyFixed;
        decimal? volume = slope != 0m && gap / slope > 0m ? decimal.Round(gap / slope, 2, MidpointRounding.AwayFromZero) : null;
        var curve = Enumerable.Range(0, scenario.Steps + 1).Select(i =>
        {
            var v = decimal.Round((decimal)scenario.MaxVolume * i / scenario.Steps, 0, MidpointRounding.AwayFromZero);
            return new BreakEvenPoint(
                (long)v,
                new Money(seat.MonthlyCost(v, scenario.Mix), scenario.Currency).Round(RoundingMode.HalfUp),
                new Money(use.MonthlyCost(v, scenario.Mix), scenario.Currency).Round(RoundingMode.HalfUp));
        }).ToArray();
        return new BreakEvenAnalysis(scenario, volume, curve);
    }
}

/// <summary>Both plans' monthly cost at one volume.</summary>
/// <param name="Volume">Contacts a month.</param>
/// <param name="SeatPlan">The per-seat plan's cost, rounded.</param>
/// <param name="PayPerUse">Pay-per-use's cost, rounded.</param>
public sealed record BreakEvenPoint(long Volume, Money SeatPlan, Money PayPerUse)
{
    /// <summary>Which plan is cheaper at this volume ("equal" when tied).</summary>
    public string Cheaper => SeatPlan < PayPerUse ? "seats" : SeatPlan > PayPerUse ? "pay-per-use" : "equal";
}
