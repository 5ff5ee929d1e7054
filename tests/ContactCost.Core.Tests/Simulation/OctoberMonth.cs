using ContactCost.Interactions;

namespace ContactCost.Tests.Simulation;

/// <summary>The small center's October 2026 (31 days, seed 42), generated once for all the month tests.</summary>
public sealed class OctoberMonth
{
    public IReadOnlyList<Interaction> Rows { get; } =
        Generated.Center(42).Generate(Generated.October1, new DateOnly(2026, 11, 1)).ToList();
}
