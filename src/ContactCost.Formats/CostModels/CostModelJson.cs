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
            root.OnlyProperties("currency", "fixedCostDriver", "concurrency", "agentGroups", "overhead", "name", "description",
                "indirectStaff", "perSeat", "perEmployee", "storagePerAgentPerYear", "oneTime", "hiring");
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

            var indirect = (root.Optional("indirectStaff")?.Items() ?? []).Select(node =>
            {
                node.OnlyProperties("role", "headcount", "monthlySalary", "burdenRate");
                return new IndirectRole(NonEmpty(node.Required("role")), node.Required("headcount").NonNegativeDecimal(),
                    node.Required("monthlySalary").NonNegativeDecimal(), node.Optional("burdenRate")?.NonNegativeDecimal() ?? 0m);
            }).ToArray();

            var oneTime = (root.Optional("oneTime")?.Items() ?? []).Select(node =>
            {
                node.OnlyProperties("name", "amount", "firstMonth", "months");
                var monthNode = node.Required("firstMonth");
                var text = monthNode.String();
                if (!DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var first))
                    throw monthNode.Error($"must be a month written yyyy-MM, not '{text}'");
                var monthsNode = node.Required("months");
                var months = monthsNode.PositiveDecimal();
                if (months != decimal.Truncate(months) || months > 600)
                    throw monthsNode.Error($"must be a whole number of months from 1 to 600 (found {DocumentNode.Invariant(months)})");
                return new AmortizedCost(NonEmpty(node.Required("name")), node.Required("amount").NonNegativeDecimal(), first, (int)months);
            }).ToArray();

            Hiring? hiring = null;
            if (root.Optional("hiring") is { } hiringNode)
            {
                hiringNode.OnlyProperties("costPerHire", "annualTurnover");
                var turnoverNode = hiringNode.Required("annualTurnover");
                var turnover = turnoverNode.NonNegativeDecimal();
                if (turnover > 5m)
                    throw turnoverNode.Error($"is a fraction of the agents who leave in a year (0.35 is 35%), not {DocumentNode.Invariant(turnover)}");
                hiring = new Hiring(hiringNode.Required("costPerHire").NonNegativeDecimal(), turnover);
            }

            return new CostModel(currency, groups, MonthlyCosts(root.Optional("overhead")), concurrency, driver)
            {
                IndirectStaff = indirect,
                PerSeat = MonthlyCosts(root.Optional("perSeat")),
                PerEmployee = MonthlyCosts(root.Optional("perEmployee")),
                StoragePerAgentPerYear = root.Optional("storagePerAgentPerYear")?.NonNegativeDecimal() ?? 0m,
                OneTime = oneTime,
                Hiring = hiring,
            };
        }
    }

    private static List<MonthlyCost> MonthlyCosts(DocumentNode? list)
    {
        var costs = new List<MonthlyCost>();
        foreach (var node in list?.Items() ?? [])
        {
            node.OnlyProperties("name", "monthly");
            costs.Add(new MonthlyCost(NonEmpty(node.Required("name")), node.Required("monthly").NonNegativeDecimal()));
        }

        return costs;
    }

    private static AgentGroup ReadGroup(DocumentNode node)
    {
        node.OnlyProperties("name", "channels", "headcount", "hourlyWage", "burdenRate", "paidHoursPerMonth", "shrinkage");
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

        decimal? shrinkage = null;
        if (node.Optional("shrinkage") is { } shrinkageNode)
        {
            shrinkage = shrinkageNode.NonNegativeDecimal();
            if (shrinkage >= 1m)
                throw shrinkageNode.Error($"is the fraction of paid time not available for contacts and must be below 1 (found {DocumentNode.Invariant(shrinkage.Value)})");
        }

        return new AgentGroup(
            NonEmpty(node.Required("name")),
            channels,
            node.Required("headcount").NonNegativeDecimal(),
            node.Required("hourlyWage").NonNegativeDecimal(),
            node.Optional("burdenRate")?.NonNegativeDecimal() ?? 0m,
            node.Optional("paidHoursPerMonth")?.PositiveDecimal() ?? 160m)
        {
            Shrinkage = shrinkage,
        };
    }

    private static string NonEmpty(DocumentNode node)
    {
        var text = node.String();
        return string.IsNullOrWhiteSpace(text) ? throw node.Error("must not be empty") : text;
    }
}
