using ContactCost.Formats.Documents;
using ContactCost.Interactions;
using ContactCost.Planning;

namespace ContactCost.Formats.Planning;

/// <summary>Reads a what-if scenario (docs/planning.md); errors name the file and the JSON path.</summary>
public static class WhatIfScenarioJson
{
    /// <summary>Reads and validates the scenario in <paramref name="path"/>.</summary>
    /// <exception cref="DocumentException">The file is not a valid what-if scenario.</exception>
    public static WhatIfScenario ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads and validates a scenario from <paramref name="json"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DocumentException">The document is not a valid what-if scenario.</exception>
    public static WhatIfScenario Read(string json, string file)
    {
        return ScenarioFields.Read(json, file, root =>
        {
            root.OnlyProperties("name", "description", "deflect", "handleTime", "callbacks", "labour");
            var deflections = (root.Optional("deflect")?.Items() ?? []).Select(node =>
            {
                node.OnlyProperties("from", "to", "share");
                var from = Channel(node.Required("from"));
                var toNode = node.Required("to");
                var to = Channel(toNode);
                if (to == from)
                    throw toNode.Error($"is {to.Name()}, the channel deflected from; name another channel");
                return new Deflection(from, to, Fraction(node.Required("share"), "share of contacts moved"));
            }).ToArray();
            var handleTimes = (root.Optional("handleTime")?.Items() ?? []).Select(node =>
            {
                node.OnlyProperties("channel", "factor");
                var factorNode = node.Required("factor");
                var factor = factorNode.PositiveDecimal();
                return factor <= 10m
                    ? new HandleTimeChange(Channel(node.Required("channel")), factor)
                    : throw factorNode.Error($"scales handle time (0.9 is 10% shorter) and must be at most 10 (found {DocumentNode.Invariant(factor)})");
            }).ToArray();
            var callbacks = (root.Optional("callbacks")?.Items() ?? []).Select(node =>
            {
                node.OnlyProperties("channel", "share");
                var channel = node.Optional("channel") is { } c ? Channel(c) : ContactCost.Interactions.Channel.Voice;
                return new CallbackChange(channel, Fraction(node.Required("share"), "share of abandoned contacts called back"));
            }).ToArray();
            var labour = root.Optional("labour") is { } labourNode
                ? labourNode.String() switch
                {
                    "follows-workload" => LabourRule.FollowsWorkload,
                    "fixed" => LabourRule.Fixed,
                    var other => throw labourNode.Error($"is '{other}'; expected follows-workload or fixed"),
                }
                : LabourRule.FollowsWorkload;
            return new WhatIfScenario(ScenarioFields.Name(root, "what-if"), deflections, handleTimes, callbacks, labour);
        });
    }

    private static Channel Channel(DocumentNode node) =>
        node.Choice((string text, out Channel channel) => ChannelNames.TryParse(text, out channel), ChannelNames.AllNames);

    private static decimal Fraction(DocumentNode node, string what)
    {
        var value = node.Decimal();
        return value is > 0m and <= 1m ? value : throw node.Error($"is the {what}, above 0 and at most 1 (0.15 is 15%), not {DocumentNode.Invariant(value)}");
    }
}
