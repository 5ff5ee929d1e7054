using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Rating;
using CsCheck;

namespace ContactCost.Tests.Costing;

public class CostReportTests
{
    private static readonly ReportingPeriod October = ReportingPeriod.Month(2026, 10);

    // Voice: 2 agents x 160 h x 20.00 x 1.25 = 8,000.00 a month. Digital: 1 x 160 h x 18.00 = 2,880.00.
    private static readonly CostModel Model = new(
        Currency.USD,
        [
            new AgentGroup("voice", [Channel.Voice], 2m, 20m, 0.25m, 160m),
            new AgentGroup("digital", [Channel.Chat, Channel.Email], 1m, 18m, 0m, 160m),
        ],
        [new MonthlyCost("rent", 1000m)],
        new Dictionary<Channel, decimal> { [Channel.Chat] = 2m },
        CostDriver.HandleTime);

    // 3 seats x 50.00 + a 30.00 platform fee.
    private static readonly PriceBookHistory Prices = new(
    [
        new PriceBook(Currency.USD, new DateOnly(2026, 1, 1), RoundingMode.HalfUp,
        [
            new Charge("seats", Meter.Seats, ChargeFilter.Any, new PerSeatModel(50m)),
            new Charge("platform", null, ChargeFilter.Any, new FlatModel(30m)),
        ]),
    ]);

    private static readonly ChannelActivity[] Activity =
    [
        new(Channel.Voice, 100, 90, 10, 36_000m, 1_800m, 90, 1234, 0),
        new(Channel.Chat, 50, 50, 0, 30_000m, 600m, 50, 200, 0),
        new(Channel.Email, 20, 20, 0, 5_000m, 0m, 20, 20, 0),
        new(Channel.SelfService, 30, 0, 0, 0m, 0m, 0, 150, 0),
    ];

    private static CostReport Report() => CostReport.Compute(October, TimeZoneInfo.Utc, Model, Prices, Activity);

    [Fact]
    public void HandComputedCenter_CostsEachChannelToTheCent()
    {
        // Fixed = 150 + 30 + 1,000 = 1,180.00, shared by effective handle time 36,000 / 15,000 (chat at
        // concurrency 2) / 5,000 / 0 s: 758.5714.., 316.0714.., 105.3571.. -> 758.57, 316.07, 105.36 (the
        // left-over cent goes to the largest remainder, e-mail's .714).
        // Digital labour 2,880 by 15,000 / 5,000 s: 2,160.00 and 720.00.
        var report = Report();
        var cost = report.Channels.ToDictionary(c => c.Channel, c => c.Cost.Amount);
        Assert.Equal(12.34m + 8000m + 758.57m, cost[Channel.Voice]);
        Assert.Equal(2.00m + 2160m + 316.07m, cost[Channel.Chat]);
        Assert.Equal(0.20m + 720m + 105.36m, cost[Channel.Email]);
        Assert.Equal(1.50m, cost[Channel.SelfService]);
        Assert.Equal(12_076.04m, report.TotalCost.Amount);
        Assert.Equal(200, report.Contacts);
        Assert.Equal(60.38m, report.CostPerContact.Amount); // 12,076.04 / 200 = 60.3802
        Assert.Equal(87.71m, report.Channels[0].CostPerContact.Amount); // 8,770.91 / 100
    }

    [Fact]
    public void Breakdown_NamesEveryPool_AndAddsUpToTheTotal()
    {
        var report = Report();
        Assert.Equal(
            ["usage:voice", "usage:chat", "usage:email", "usage:selfservice", "labour:voice", "labour:digital", "licences:seats", "platform:platform", "overhead:rent"],
            report.Breakdown.Select(l => $"{l.Category.ToString().ToLowerInvariant()}:{l.Name}"));
        Assert.Equal(report.TotalCost.Amount, report.Breakdown.Sum(l => l.Amount.Amount));
    }

    [Fact]
    public void KpisPerChannel_AreAveragesOfTheActivity()
    {
        var voice = Report().Channels[0].Activity;
        Assert.Equal(400m, voice.AverageHandleSeconds);   // 36,000 s / 90 handled
        Assert.Equal(20m, voice.AverageSpeedOfAnswerSeconds); // 1,800 s / 90 answered
    }

    [Fact]
    public void UsageNoInteractionCaused_IsSharedLikeFixedCosts_AndNamedInTheBreakdown()
    {
        // 112.00 of egress joins the 1,180.00 of fixed costs: 1,292.00 by 36,000 / 15,000 / 5,000 / 0 s.
        var report = CostReport.Compute(October, TimeZoneInfo.Utc, Model, Prices, Activity, [("egress", new ContactCost.Money(112m, Currency.USD))]);
        Assert.Equal(12_076.04m + 112m, report.TotalCost.Amount);
        Assert.Contains(report.Breakdown, l => l.Category == CostCategory.Usage && l.Name == "egress" && l.Amount.Amount == 112m);
        Assert.Equal(1_292m, report.Channels.Sum(c => c.Fixed.Amount));
        report.CheckTotals();
    }

    [Fact]
    public void ContactsDriver_SharesFixedCostsByContacts()
    {
        var model = Model with { };
        var byContacts = CostReport.Compute(October, TimeZoneInfo.Utc,
            new CostModel(model.Currency, model.AgentGroups, model.Overhead, model.Concurrency, CostDriver.Contacts), Prices, Activity);
        // 1,180.00 x 30 / 200 = 177.00 to self-service.
        Assert.Equal(1.50m + 177.00m, byContacts.Channels.Single(c => c.Channel == Channel.SelfService).Cost.Amount);
    }

    [Theory]
    [InlineData("2026-10", "1000.00")]
    [InlineData("2026-10-05", "32.26")]   // 1,000 / 31
    [InlineData("2026-Q4", "3000.00")]
    [InlineData("2026-W44", "226.88")]    // 26-31 Oct (6/31) + 1 Nov (1/30): 193.548.. + 33.333..
    public void Prorate_GivesEachDayItsShareOfItsMonth(string period, string expected)
    {
        var p = ReportingPeriod.Parse(period);
        var amount = CostReport.Prorate(p, _ => 1000m, Currency.USD).Amount;
        var exact = 0m;
        for (var d = p.FirstDay; d < p.EndDay; d = d.AddDays(1))
            exact += 1000m / DateTime.DaysInMonth(d.Year, d.Month);
        Assert.Equal(decimal.Round(exact, 2, MidpointRounding.AwayFromZero), amount);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Fact]
    public void EveryKindOfCost_IsItsOwnLine_ComputedAsTheModelSays()
    {
        // 10 voice agents; 2 supervisors; per-seat and per-employee tools; storage; an amortized
        // integration; hiring at 35% turnover. October 2026 is a whole month.
        var model = new CostModel(Currency.USD, [new AgentGroup("voice", [Channel.Voice], 10m, 20m, 0m, 160m)], [], new Dictionary<Channel, decimal>(), CostDriver.HandleTime)
        {
            IndirectStaff = [new IndirectRole("supervisors", 2m, 5000m, 0.3m)],
            PerSeat = [new MonthlyCost("QA", 25m)],
            PerEmployee = [new MonthlyCost("WFM", 12m)],
            StoragePerAgentPerYear = 1350m,
            OneTime = [new AmortizedCost("CRM integration", 12000m, new DateOnly(2026, 1, 1), 24), new AmortizedCost("old IVR", 6000m, new DateOnly(2025, 1, 1), 12)],
            Hiring = new Hiring(4000m, 0.35m),
        };
        var report = CostReport.Compute(October, TimeZoneInfo.Utc, model, null, [new(Channel.Voice, 10, 10, 0, 3_000m, 0m, 10, 0, 0)]);
        Assert.Equal(
            [
                "labour:voice 32000.00",           // 10 x 160 h x 20.00
                "indirect:supervisors 13000.00",   // 2 x 5,000 x 1.3
                "tools:QA 250.00",                 // 25 x 10 seats
                "tools:WFM 144.00",                // 12 x 12 employees
                "storage:recording storage 1125.00", // 1,350 x 10 / 12
                "amortized:CRM integration 500.00", // 12,000 / 24; the old IVR was paid off in 2025
                "hiring:recruiting and training 1166.67", // 10 x 0.35 / 12 x 4,000 = 1,166.666..
            ],
            report.Breakdown.Where(l => l.Category != CostCategory.Usage).Select(l => $"{l.Category.ToString().ToLowerInvariant()}:{l.Name} {l.Amount.Amount:F2}"));
        Assert.Equal(48_185.67m, report.TotalCost.Amount);
    }

    [Fact]
    public void PeriodWithoutContacts_KeepsItsCostAsUnallocated()
    {
        var report = CostReport.Compute(October, TimeZoneInfo.Utc, Model, Prices, []);
        Assert.Empty(report.Channels);
        Assert.Equal(report.TotalCost, report.Unallocated);
        Assert.Equal(8000m + 2880m + 1180m, report.TotalCost.Amount);
    }

    [Fact]
    public void CurrenciesOfModelAndPriceBook_MustMatch()
    {
        var eur = new PriceBookHistory([new PriceBook(Currency.EUR, new DateOnly(2026, 1, 1), RoundingMode.HalfUp, [])]);
        var error = Assert.Throws<ArgumentException>(() => CostReport.Compute(October, TimeZoneInfo.Utc, Model, eur, Activity));
        Assert.Contains("cost model is in USD but the price book is in EUR", error.Message);
    }

    [Fact]
    public void ChannelCosts_AlwaysAddUpToTheTotal_ForAnyActivity()
    {
        var channel = Gen.Int[0, ChannelNames.All.Count - 1].Select(i => (Channel)i);
        var activity = Gen.Select(channel, Gen.Long[0, 100_000], Gen.Int[0, 10_000_000], Gen.Long[0, 10_000_000])
            .Select((c, contacts, handle, usage) => new ChannelActivity(c, contacts, contacts / 2, 0, handle, 0m, contacts / 2, usage, 0))
            .Array[0, 9]
            .Select(a => a.DistinctBy(x => x.Channel).ToArray());
        var period = Gen.Int[0, 400].Select(d => ReportingPeriod.Day(new DateOnly(2026, 1, 1).AddDays(d)));
        Gen.Select(activity, period).Sample((a, p) =>
        {
            var report = CostReport.Compute(p, TimeZoneInfo.Utc, Model, Prices, a);
            report.CheckTotals(); // throws when anything is off by a cent
            return report.Channels.Sum(c => c.Cost.Amount) + report.Unallocated.Amount == report.TotalCost.Amount;
        });
    }
}
