using ContactCost.Costing;
using ContactCost.Formats.Documents;
using ContactCost.Interactions;

namespace ContactCost.Formats.CostModels;

/// <summary>
/// Reads a cost model from its JSON document (see docs/costmodel.md): agent groups, overhead,
/// channel concurrency and the driver for fixed costs. Errors name the file and the path.
/// </summary>
public static class CostModelJson
{
    /// <summary>Reads and validates the cost model in <paramref name="path"/>.</summary>
    /// <exception cref="DocumentException">The file is not a valid cost model.</exception>
    public static CostModel ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads and validates a cost model from <paramref name="json"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DocumentException">The document is not a valid cost model.</exception>
    public static CostModel Read(string json, string file)
    {
        var root = DocumentNode.Parse(json, file, out var document);
        using (document)
        {
            root.OnlyProperties("currency", "fixedCostDriver", "concurrency", "agentGroups", "overhead", "name");
            var currencyNode = root.Required("currency");
            var code = currencyNode.String();
            var currency = Currency.TryFromCode(code, out var c) ? c : throw currencyNode.Error($"is '{code}'; expected an ISO 4217 code such as USD, EUR, GBP");

            var driver = root.Optional("fixedCostDriver") is { } driverNode
                ? driverNode.String() switch
                {
                    "handle-time" => CostDriver.HandleTime,
                    "contacts" => CostDriver.Contacts,
                    var other => throw driverNode.Error($"is '{other}'; expected handle-time or contacts"),
                }
                : CostDriver.HandleTime;

            var concurrency = new Dictionary<Channel, decimal>();
            if (root.Optional("concurrency") is { } concurrencyNode)
            {
                foreach (var (name, value) in concurrencyNode.Properties())
                {
                    if (!ChannelNames.TryParse(name, out var channel))
                        throw value.Error($"names an unknown channel; expected one of: {ChannelNames.AllNames}");
                    var factor = value.Decimal();
                    concurrency[channel] = factor >= 1m ? factor : throw value.Error($"must be at least 1 (found {DocumentNode.Invariant(factor)})");
                }
            }

            var groups = new List<AgentGroup>();
            var groupNames = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in root.Required("agentGroups").Items())
            {
                var group = ReadGroup(node);
                if (!groupNames.Add(group.Name))
                    throw node.Required("name").Error($"'{group.Name}' is used by an earlier group; group names must be unique");
                groups.Add(group);
            }

            var overhead = new List<MonthlyCost>();
            if (root.Optional("overhead") is { } overheadNode)
            {
                foreach (var node in overheadNode.Items())
                {
                    node.OnlyProperties("name", "monthly");
                    overhead.Add(new MonthlyCost(NonEmpty(node.Required("name")), node.Required("monthly").NonNegativeDecimal()));
                }
            }

            return new CostModel(currency, groups, overhead, concurrency, driver);
        }
    }

    private static AgentGroup ReadGroup(DocumentNode node)
    {
        node.OnlyProperties("name", "channels", "headcount", "hourlyWage", "burdenRate", "paidHoursPerMonth");
        var channels = new List<Channel>();
        foreach (var item in node.Required("channels").Items())
        {
            var name = item.String();
            channels.Add(ChannelNames.TryParse(name, out var channel)
                ? channel
                : throw item.Error($"is '{name}'; expected one of: {ChannelNames.AllNames}"));
        }

        if (channels.Count == 0)
            throw node.Required("channels").Error("must name at least one channel the group works");

        return new AgentGroup(
            NonEmpty(node.Required("name")),
            channels,
            node.Required("headcount").NonNegativeDecimal(),
            node.Required("hourlyWage").NonNegativeDecimal(),
            node.Optional("burdenRate")?.NonNegativeDecimal() ?? 0m,
            node.Optional("paidHoursPerMonth")?.PositiveDecimal() ?? 160m);
    }

    private static string NonEmpty(DocumentNode node)
    {
        var text = node.String();
        return string.IsNullOrWhiteSpace(text) ? throw node.Error("must not be empty") : text;
    }
}
