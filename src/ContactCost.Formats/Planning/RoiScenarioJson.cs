using ContactCost.Formats.Documents;
using ContactCost.Planning;

namespace ContactCost.Formats.Planning;

/// <summary>Reads an ROI scenario (docs/planning.md); errors name the file and the JSON path.</summary>
public static class RoiScenarioJson
{
    /// <summary>Reads and validates the scenario in <paramref name="path"/>.</summary>
    /// <exception cref="DocumentException">The file is not a valid ROI scenario.</exception>
    public static RoiScenario ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads and validates a scenario from <paramref name="json"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DocumentException">The document is not a valid ROI scenario.</exception>
    public static RoiScenario Read(string json, string file)
    {
        return ScenarioFields.Read(json, file, root =>
        {
            root.OnlyProperties("name", "description", "currency", "months", "discountRate", "investment", "costs", "gains");
            var currency = ScenarioFields.Currency(root);
            var months = ScenarioFields.WholeNumber(root.Required("months"), 1, 600);
            var rate = ScenarioFields.DiscountRate(root);
            var investmentNode = root.Required("investment");
            var investment = Items(investmentNode, months, 0);
            if (investment.Sum(i => i.Total) <= 0m)
                throw investmentNode.Error("must add up to more than zero: ROI divides by the investment");
            var costs = root.Optional("costs") is { } c ? Items(c, months, 1) : [];
            var gains = Items(root.Required("gains"), months, 1);
            return new RoiScenario(ScenarioFields.Name(root, "ROI"), currency, months, rate, investment, costs, gains);
        });
    }

    // An item is { name, amount, month } once, or { name, monthly, from, to } every month.
    private static List<CashFlowItem> Items(DocumentNode list, int months, int defaultMonth)
    {
        var items = new List<CashFlowItem>();
        foreach (var node in list.Items())
        {
            node.OnlyProperties("name", "amount", "month", "monthly", "from", "to");
            var name = ScenarioFields.Name(node, "");
            if (name.Length == 0)
                throw node.Required("name").Error("is required");
            if (node.Optional("amount") is { } amount)
            {
                if (node.Optional("monthly") is not null)
                    throw node.Required("monthly").Error("cannot be given with amount; an item is paid once (amount, month) or every month (monthly, from, to)");
                var month = node.Optional("month") is { } m ? ScenarioFields.WholeNumber(m, 0, months) : defaultMonth;
                items.Add(CashFlowItem.Once(name, amount.NonNegativeDecimal(), month));
            }
            else if (node.Optional("monthly") is { } monthly)
            {
                var from = node.Optional("from") is { } f ? ScenarioFields.WholeNumber(f, 0, months) : 1;
                var to = node.Optional("to") is { } t ? ScenarioFields.WholeNumber(t, from, months) : months;
                items.Add(new CashFlowItem(name, monthly.NonNegativeDecimal(), from, to).Validate());
            }
            else
            {
                throw node.Error("needs amount (paid once, in month) or monthly (paid every month from from to to)");
            }
        }

        return items;
    }
}
