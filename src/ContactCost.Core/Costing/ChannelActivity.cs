using ContactCost.Interactions;

namespace ContactCost.Costing;

/// <summary>
/// What happened on one channel in a period: the sums a cost report needs, produced by the store's
/// query or by streaming a file, so both paths cost the same way.
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="Contacts">Interactions that started in the period.</param>
/// <param name="Handled">Interactions an agent took part in.</param>
/// <param name="Abandoned">Inbound live contacts the customer gave up on before an agent answered.</param>
/// <param name="HandleSeconds">Total handle time (talk + hold + wrap), in seconds.</param>
/// <param name="AnsweredWaitSeconds">Total queue wait of the handled inbound contacts, in seconds.</param>
/// <param name="AnsweredInbound">Handled inbound contacts (the divisor of the average speed of answer).</param>
/// <param name="UsageMinorUnits">Rated usage charged to these interactions, in minor units of the price-book currency.</param>
/// <param name="Unrated">Interactions not rated yet (no price book in force, or rating not run).</param>
public sealed record ChannelActivity(
    Channel Channel,
    long Contacts,
    long Handled,
    long Abandoned,
    decimal HandleSeconds,
    decimal AnsweredWaitSeconds,
    long AnsweredInbound,
    long UsageMinorUnits,
    long Unrated)
{
    /// <summary>Average handle time of the handled interactions, in seconds (zero when none were handled).</summary>
    public decimal AverageHandleSeconds => Handled == 0 ? 0m : decimal.Round(HandleSeconds / Handled, 1, MidpointRounding.AwayFromZero);

    /// <summary>Average speed of answer of handled inbound contacts, in seconds.</summary>
    public decimal AverageSpeedOfAnswerSeconds =>
        AnsweredInbound == 0 ? 0m : decimal.Round(AnsweredWaitSeconds / AnsweredInbound, 1, MidpointRounding.AwayFromZero);
}
