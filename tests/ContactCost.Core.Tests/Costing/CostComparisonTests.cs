using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Periods;
using CsCheck;

namespace ContactCost.Tests.Costing;

public class CostComparisonTests
{
    [Fact]
    public void HandComputed_SelfServiceAdded_LongerCalls_DearerChats()
    {
        // Baseline: 100 calls at 5.00 (300 s each), 100 chats at 3.00 (600 s): 800.00, 4.00 a contact.
        // Now: 80 calls at 5.50 (330 s), 100 chats at 3.30 (600 s), 60 self-service sessions at 0.05 (new).
        var baseline = Report("2026-09", (Channel.Voice, 100, 500m, 30_000m), (Channel.Chat, 100, 300m, 60_000m));
        var current = Report("2026-10", (Channel.Voice, 80, 440m, 26_400m), (Channel.Chat, 100, 330m, 60_000m), (Channel.SelfService, 60, 3m, 0m));

        var comparison = CostComparison.Compare(current, baseline);

        Assert.Equal(-27m, comparison.CostChange.Amount);
        Assert.Equal(160m, comparison.Effects.Volume.Amount);      // 40 more contacts x 4.00
        Assert.Equal(-257m, comparison.Effects.Mix.Amount);        // 80 x 5 + 100 x 3 + 60 x 0.05 - 240 x 4
        Assert.Equal(40m, comparison.Effects.HandleTime.Amount);   // 80 calls x 30 s more x 5.00 / 300 s
        Assert.Equal(30m, comparison.Effects.Price.Amount);        // chats 0.30 dearer at the same length
        Assert.Equal(comparison.CostChange, comparison.Effects.Total);
        Assert.Equal([Channel.Voice, Channel.Chat, Channel.SelfService], comparison.Channels.Select(c => c.Channel));
        Assert.Null(comparison.Channels.Single(c => c.Channel == Channel.SelfService).Baseline);
    }

    [Fact]
    public void SamePeriodTwice_ChangesNothing()
    {
        var report = Report("2026-10", (Channel.Voice, 7, 12.34m, 999m), (Channel.Email, 3, 1.01m, 10m));
        var comparison = CostComparison.Compare(report, report);
        Assert.Equal(default, (comparison.Effects.Volume.Amount, comparison.Effects.Mix.Amount, comparison.Effects.HandleTime.Amount, comparison.Effects.Price.Amount));
    }

    [Fact]
    public void EmptyBaseline_IsAllVolume()
    {
        var comparison = CostComparison.Compare(Report("2026-10", (Channel.Voice, 3, 10m, 100m)), Report("2026-09"));
        Assert.Equal(10m, comparison.Effects.Volume.Amount);
        Assert.Equal(0m, comparison.Effects.Price.Amount);
    }

    [Fact]
    public void Effects_AlwaysAddUpToTheChange_ToTheCent() =>
        Gen.Select(Activity.Array[0, 5], Activity.Array[0, 5]).Sample((now, then) =>
        {
            var current = Report("2026-10", Distinct(now));
            var baseline = Report("2026-09", Distinct(then));
            var comparison = CostComparison.Compare(current, baseline);
            var e = comparison.Effects;
            return e.Total == comparison.CostChange
                && new[] { e.Volume, e.Mix, e.HandleTime, e.Price }.All(m => m.Round(RoundingMode.HalfUp) == m);
        });

    private static readonly Gen<(Channel, int, decimal, decimal)> Activity =
        Gen.Select(Gen.Enum<Channel>(), Gen.Int[1, 100_000], Gen.Long[0, 100_000_000], Gen.Long[0, 10_000_000])
            .Select((channel, contacts, cents, seconds) => (channel, contacts, cents / 100m, (decimal)seconds));

    private static (Channel, int, decimal, decimal)[] Distinct((Channel, int, decimal, decimal)[] rows) =>
        rows.DistinctBy(r => r.Item1).ToArray();

    private static CostReport Report(string period, params (Channel Channel, int Contacts, decimal Cost, decimal HandleSeconds)[] channels)
    {
        var usd = Currency.USD;
        var costs = channels.OrderBy(c => c.Channel).Select(c => new ChannelCost(
            new ChannelActivity(c.Channel, c.Contacts, c.Contacts, 0, c.HandleSeconds, 0m, 0, 0, 0),
            ContactCost.Money.Zero(usd), new ContactCost.Money(c.Cost, usd), ContactCost.Money.Zero(usd))).ToArray();
        var total = costs.Select(c => c.Cost).Sum(usd);
        var report = new CostReport
        {
            Period = ReportingPeriod.Parse(period),
            TimeZone = "UTC",
            Currency = usd,
            TotalCost = total,
            Contacts = channels.Sum(c => c.Contacts),
            Unrated = 0,
            Channels = costs,
            Breakdown = [new CostLine(CostCategory.Labour, "all", total)],
            Unallocated = ContactCost.Money.Zero(usd),
        };
        report.CheckTotals();
        return report;
    }
}
