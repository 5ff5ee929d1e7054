using ContactCost.Formats.Documents;
using ContactCost.Planning;

namespace ContactCost.Formats.Planning;

/// <summary>Reads a TCO scenario (docs/planning.md); errors name the file and the JSON path.</summary>
public static class TcoScenarioJson
{
    private const string Bases = "upFront, perSeatPerMonth, perAgentPerYear, perMinute, perYear";

    /// <summary>Reads and validates the scenario in <paramref name="path"/>.</summary>
    /// <exception cref="DocumentException">The file is not a valid TCO scenario.</exception>
    public static TcoScenario ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads and validates a scenario from <paramref name="json"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DocumentException">The document is not a valid TCO scenario.</exception>
    public static TcoScenario Read(string json, string file)
    {
        return ScenarioFields.Read(json, file, root =>
        {
            root.OnlyProperties("name", "description", "currency", "years", "discountRate", "agents", "seats", "minutesPerYear", "deployments");
            var currency = ScenarioFields.Currency(root);
            var years = ScenarioFields.WholeNumber(root.Required("years"), 1, 50);
            var rate = ScenarioFields.DiscountRate(root);
            var agents = root.Optional("agents")?.NonNegativeDecimal();
            var seats = root.Optional("seats")?.NonNegativeDecimal();
            var minutes = root.Optional("minutesPerYear")?.NonNegativeDecimal();
            var deployments = new List<Deployment>();
            var deploymentsNode = root.Required("deployments");
            foreach (var node in deploymentsNode.Items())
            {
                node.OnlyProperties("name", "kind", "description", "agents", "seats", "minutesPerYear", "items");
                var kind = node.Required("kind").String() switch
                {
                    "on-premises" => DeploymentKind.OnPremises,
                    "cloud" => DeploymentKind.Cloud,
                    "hybrid" => DeploymentKind.Hybrid,
                    var other => throw node.Required("kind").Error($"is '{other}'; expected one of: on-premises, cloud, hybrid"),
                };
                var name = ScenarioFields.Name(node, node.Required("kind").String());
                if (deployments.Any(d => d.Name == name))
                    throw node.Error($"is named '{name}' like an earlier deployment; give each a unique name");
                var deploymentAgents = node.Optional("agents")?.NonNegativeDecimal() ?? agents ?? throw node.Error("needs agents (here or at the top of the file)");
                var items = node.Required("items").Items().Select(item =>
                {
                    item.OnlyProperties("name", "basis", "amount", "description");
                    var itemName = ScenarioFields.Name(item, "");
                    if (itemName.Length == 0)
                        throw item.Required("name").Error("is required");
                    var basisNode = item.Required("basis");
                    var basis = basisNode.String() switch
                    {
                        "upFront" => CostBasis.UpFront,
                        "perSeatPerMonth" => CostBasis.PerSeatPerMonth,
                        "perAgentPerYear" => CostBasis.PerAgentPerYear,
                        "perMinute" => CostBasis.PerMinute,
                        "perYear" => CostBasis.PerYear,
                        var other => throw basisNode.Error($"is '{other}'; expected one of: {Bases}"),
                    };
                    return new TcoItem(itemName, basis, item.Required("amount").NonNegativeDecimal());
                }).ToArray();
                var deploymentMinutes = node.Optional("minutesPerYear")?.NonNegativeDecimal() ?? minutes;
                if (deploymentMinutes is null && items.Any(i => i.Basis == CostBasis.PerMinute))
                    throw node.Error("has perMinute items but no minutesPerYear (here or at the top of the file)");
                deployments.Add(new Deployment(name, kind, deploymentAgents, node.Optional("seats")?.NonNegativeDecimal() ?? seats ?? deploymentAgents,
                    deploymentMinutes ?? 0m, items));
            }

            if (deployments.Count == 0)
                throw deploymentsNode.Error("must list at least one deployment");
            return new TcoScenario(ScenarioFields.Name(root, "TCO"), currency, years, rate, deployments);
        });
    }
}
