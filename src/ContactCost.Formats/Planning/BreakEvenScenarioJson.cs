using ContactCost.Formats.Documents;
using ContactCost.Interactions;
using ContactCost.Planning;

namespace ContactCost.Formats.Planning;

/// <summary>Reads a seat-versus-pay-per-use break-even scenario (docs/planning.md); errors name the file and the JSON path.</summary>
public static class BreakEvenScenarioJson
{
    /// <summary>Reads and validates the scenario in <paramref name="path"/>.</summary>
    /// <exception cref="DocumentException">The file is not a valid break-even scenario.</exception>
    public static BreakEvenScenario ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads and validates a scenario from <paramref name="json"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DocumentException">The document is not a valid break-even scenario.</exception>
    public static BreakEvenScenario Read(string json, string file)
    {
        return ScenarioFields.Read(json, file, root =>
        {
            root.OnlyProperties("name", "description", "currency", "mix", "maxVolume", "steps", "seatPlan", "payPerUse");
            var currency = ScenarioFields.Currency(root);
            var mixNode = root.Required("mix");
            var mix = ScenarioFields.ByChannel(mixNode);
            if (mix.Count == 0 || mix.Values.Sum() != 1m)
                throw mixNode.Error($"shares must add up to 1 (they add up to {DocumentNode.Invariant(mix.Values.Sum())})");

            var seatNode = root.Required("seatPlan");
            seatNode.OnlyProperties("name", "seats", "pricePerSeatPerMonth", "monthlyFee", "perContact");
            var seats = seatNode.Required("seats").NonNegativeDecimal();
            var seatPlan = new PricingPlan(
                ScenarioFields.Name(seatNode, "per-seat licence"),
                seats * seatNode.Required("pricePerSeatPerMonth").NonNegativeDecimal() + (seatNode.Optional("monthlyFee")?.NonNegativeDecimal() ?? 0m),
                seatNode.Optional("perContact") is { } seatUsage ? ScenarioFields.ByChannel(seatUsage) : []);

            var useNode = root.Required("payPerUse");
            useNode.OnlyProperties("name", "monthlyFee", "perContact");
            var payPerUse = new PricingPlan(
                ScenarioFields.Name(useNode, "pay-per-use"),
                useNode.Optional("monthlyFee")?.NonNegativeDecimal() ?? 0m,
                ScenarioFields.ByChannel(useNode.Required("perContact")));
            foreach (var channel in mix.Keys.Where(c => !payPerUse.PerContact.ContainsKey(c)))
                throw useNode.Required("perContact").Error($"has no price for {channel.Name()}, which the mix uses");

            var maxVolumeNode = root.Required("maxVolume");
            var maxVolume = maxVolumeNode.PositiveDecimal();
            if (maxVolume != decimal.Truncate(maxVolume) || maxVolume > 1_000_000_000_000m)
                throw maxVolumeNode.Error($"must be a whole number of contacts from 1 to 1000000000000 (found {DocumentNode.Invariant(maxVolume)})");
            var steps = root.Optional("steps") is { } s ? ScenarioFields.WholeNumber(s, 1, 1000) : 10;
            return new BreakEvenScenario(ScenarioFields.Name(root, "Break-even"), currency, seatPlan, payPerUse, mix, (long)maxVolume, steps);
        });
    }
}
