using ContactCost.Formats.Documents;
using ContactCost.Formats.Planning;
using ContactCost.Planning;

namespace ContactCost.Tests.Planning;

public class ScenarioJsonTests
{
    private static string Sample(string name) =>
        Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "planning", name);

    [Theory]
    [InlineData("roi.json")]
    [InlineData("roi-minimal.json")]
    public void RoiSamples_Read(string name) => Assert.NotEmpty(RoiScenarioJson.ReadFile(Sample(name)).Gains);

    [Fact]
    public void TcoSample_ReadsThreeDeployments()
    {
        var scenario = TcoScenarioJson.ReadFile(Sample("tco.json"));
        Assert.Equal([DeploymentKind.OnPremises, DeploymentKind.Cloud, DeploymentKind.Hybrid], scenario.Deployments.Select(d => d.Kind));
        Assert.All(scenario.Deployments, d => Assert.Equal(1_500_000m, d.MinutesPerYear));
    }

    [Fact]
    public void BreakEvenSample_Reads() => Assert.Equal(4, BreakEvenScenarioJson.ReadFile(Sample("breakeven.json")).Mix.Count);

    [Theory]
    [InlineData("""{ "currency": "USD", "months": 12, "investment": [], "gains": [] }""", "investment must add up to more than zero: ROI divides by the investment")]
    [InlineData("""{ "currency": "USD", "months": 12, "investment": [ { "name": "a", "amount": 1 } ], "gains": [ { "name": "g", "amount": 2, "month": 13 } ] }""", "gains[0].month must be a whole number from 0 to 12 (found 13)")]
    [InlineData("""{ "currency": "USD", "months": 12, "investment": [ { "name": "a", "amount": -1 } ], "gains": [] }""", "investment[0].amount must not be negative (found -1)")]
    [InlineData("""{ "currency": "USD", "months": 12, "investment": [ { "name": "a" } ], "gains": [] }""", "investment[0] needs amount (paid once, in month) or monthly (paid every month from from to to)")]
    [InlineData("""{ "currency": "USD", "months": 12, "discountrate": 0.1, "investment": [], "gains": [] }""", "discountrate is not a known property; did you mean 'discountRate'?")]
    public void BadRoi_NamesThePath(string json, string message) =>
        Assert.Equal($"roi.json: {message}", Assert.Throws<DocumentException>(() => RoiScenarioJson.Read(json, "roi.json")).Message);

    [Theory]
    [InlineData("""{ "currency": "USD", "years": 5, "agents": 2, "deployments": [ { "kind": "cloud", "items": [ { "name": "x", "basis": "perSeat", "amount": 1 } ] } ] }""", "deployments[0].items[0].basis is 'perSeat'; expected one of: upFront, perSeatPerMonth, perAgentPerYear, perMinute, perYear")]
    [InlineData("""{ "currency": "USD", "years": 5, "agents": 2, "deployments": [ { "kind": "mainframe", "items": [] } ] }""", "deployments[0].kind is 'mainframe'; expected one of: on-premises, cloud, hybrid")]
    [InlineData("""{ "currency": "USD", "years": 0, "deployments": [] }""", "years must be a whole number from 1 to 50 (found 0)")]
    [InlineData("""{ "currency": "USD", "years": 5, "agents": 2, "deployments": [ { "kind": "cloud", "items": [ { "name": "t", "basis": "perMinute", "amount": 0.01 } ] } ] }""", "deployments[0] has perMinute items but no minutesPerYear (here or at the top of the file)")]
    public void BadTco_NamesThePath(string json, string message) =>
        Assert.Equal($"tco.json: {message}", Assert.Throws<DocumentException>(() => TcoScenarioJson.Read(json, "tco.json")).Message);

    [Theory]
    [InlineData("""{ "currency": "USD", "mix": { "voice": 0.5, "chat": 0.4 }, "maxVolume": 10, "seatPlan": { "seats": 1, "pricePerSeatPerMonth": 1 }, "payPerUse": { "perContact": { "voice": 1, "chat": 1 } } }""", "mix shares must add up to 1 (they add up to 0.9)")]
    [InlineData("""{ "currency": "USD", "mix": { "fax": 1 }, "maxVolume": 10, "seatPlan": { "seats": 1, "pricePerSeatPerMonth": 1 }, "payPerUse": { "perContact": {} } }""", "mix.fax names an unknown channel; expected one of: voice, sms, mms, chat, email, social, selfservice, video, ai")]
    [InlineData("""{ "currency": "USD", "mix": { "voice": 1 }, "maxVolume": 10, "seatPlan": { "seats": 1, "pricePerSeatPerMonth": 1 }, "payPerUse": { "perContact": { "chat": 1 } } }""", "payPerUse.perContact has no price for voice, which the mix uses")]
    public void BadBreakEven_NamesThePath(string json, string message) =>
        Assert.Equal($"b.json: {message}", Assert.Throws<DocumentException>(() => BreakEvenScenarioJson.Read(json, "b.json")).Message);
}

public class WhatIfScenarioJsonTests
{
    [Fact]
    public void Sample_Reads()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "samples", "planning", "whatif.json");
        var scenario = WhatIfScenarioJson.ReadFile(path);
        Assert.Equal((1, 1, 1, LabourRule.FollowsWorkload), (scenario.Deflections.Count, scenario.HandleTimes.Count, scenario.Callbacks.Count, scenario.Labour));
    }

    [Theory]
    [InlineData("""{ "deflect": [ { "from": "voice", "to": "voice", "share": 0.1 } ] }""", "deflect[0].to is voice, the channel deflected from; name another channel")]
    [InlineData("""{ "deflect": [ { "from": "phone", "to": "bot", "share": 0.1 } ] }""", "deflect[0].to is 'bot'; expected one of: voice, sms, mms, chat, email, social, selfservice, video, ai")]
    [InlineData("""{ "handleTime": [ { "channel": "voice", "factor": 0 } ] }""", "handleTime[0].factor must be greater than 0 (found 0)")]
    [InlineData("""{ "callbacks": [ { "share": 2 } ] }""", "callbacks[0].share is the share of abandoned contacts called back, above 0 and at most 1 (0.15 is 15%), not 2")]
    [InlineData("""{ "labour": "variable" }""", "labour is 'variable'; expected follows-workload or fixed")]
    public void Bad_NamesThePath(string json, string message) =>
        Assert.Equal($"w.json: {message}", Assert.Throws<DocumentException>(() => WhatIfScenarioJson.Read(json, "w.json")).Message);
}
