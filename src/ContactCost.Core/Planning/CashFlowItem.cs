namespace ContactCost.Planning;

/// <summary>A named amount paid or earned every month from <paramref name="FirstMonth"/> to <paramref name="LastMonth"/> (month 0 is today).</summary>
/// <param name="Name">What it is.</param>
/// <param name="MonthlyAmount">The amount in each of those months (0 or more).</param>
/// <param name="FirstMonth">The first month it falls in.</param>
/// <param name="LastMonth">The last month it falls in.</param>
public sealed record CashFlowItem(string Name, decimal MonthlyAmount, int FirstMonth, int LastMonth)
{
    /// <summary>Checks the item: a name, an amount of 0 or more, and 0 ≤ first ≤ last.</summary>
    public CashFlowItem Validate()
    {
        if (string.IsNullOrWhiteSpace(Name))
            throw new ArgumentException("A cash-flow item needs a name.", nameof(Name));
        if (MonthlyAmount < 0m)
            throw new ArgumentOutOfRangeException(nameof(MonthlyAmount), MonthlyAmount, $"'{Name}': amounts are 0 or more.");
        if (FirstMonth < 0 || LastMonth < FirstMonth)
            throw new ArgumentOutOfRangeException(nameof(FirstMonth), FirstMonth, $"'{Name}': months run from {FirstMonth} to {LastMonth}; need 0 ≤ first ≤ last.");
        return this;
    }

    /// <summary>A one-time amount in <paramref name="month"/>.</summary>
    public static CashFlowItem Once(string name, decimal amount, int month) => new CashFlowItem(name, amount, month, month).Validate();

    /// <summary>The amount falling in <paramref name="month"/>.</summary>
    public decimal In(int month) => month >= FirstMonth && month <= LastMonth ? MonthlyAmount : 0m;

    /// <summary>Everything the item adds up to.</summary>
    public decimal Total => MonthlyAmount * (LastMonth - FirstMonth + 1);
}
