using ContactCost.Formats.Documents;
using ContactCost.Interactions;

namespace ContactCost.Formats.Planning;

/// <summary>Fields every planning scenario file reads the same way: currency, whole numbers, rates, channel maps.</summary>
internal static class ScenarioFields
{
    /// <summary>Parses <paramref name="json"/> and reads it with <paramref name="read"/>, disposing the document after.</summary>
    public static T Read<T>(string json, string file, Func<DocumentNode, T> read)
    {
        var root = DocumentNode.Parse(json, file, out var document);
        using (document)
            return read(root);
    }

    public static Currency Currency(DocumentNode root)
    {
        var node = root.Required("currency");
        var code = node.String();
        return ContactCost.Currency.TryFromCode(code, out var currency)
            ? currency
            : throw node.Error($"is '{code}'; expected an ISO 4217 code such as USD, EUR, GBP");
    }

    public static string Name(DocumentNode node, string whenMissing)
    {
        if (node.Optional("name") is not { } name)
            return whenMissing;
        var text = name.String().Trim();
        return text.Length > 0 ? text : throw name.Error("must not be empty");
    }

    public static int WholeNumber(DocumentNode node, int min, int max)
    {
        var value = node.Decimal();
        return value == decimal.Truncate(value) && value >= min && value <= max
            ? (int)value
            : throw node.Error($"must be a whole number from {min} to {max} (found {DocumentNode.Invariant(value)})");
    }

    /// <summary>An effective annual rate such as 0.08; 0 when missing.</summary>
    public static decimal DiscountRate(DocumentNode root)
    {
        if (root.Optional("discountRate") is not { } node)
            return 0m;
        var rate = node.Decimal();
        return rate > -1m && rate <= 10m
            ? rate
            : throw node.Error($"is an effective annual rate as a fraction (0.08 is 8%), above -1 and at most 10, not {DocumentNode.Invariant(rate)}");
    }

    /// <summary>An object of channel names to non-negative decimals.</summary>
    public static Dictionary<Channel, decimal> ByChannel(DocumentNode node)
    {
        var map = new Dictionary<Channel, decimal>();
        foreach (var (name, value) in node.Properties())
        {
            if (!ChannelNames.TryParse(name, out var channel))
                throw value.Error($"names an unknown channel; expected one of: {ChannelNames.AllNames}");
            if (!map.TryAdd(channel, value.NonNegativeDecimal()))
                throw value.Error($"names {channel.Name()} a second time");
        }

        return map;
    }
}
