using ContactCost.Formats.Documents;
using ContactCost.Interactions;
using ContactCost.Rating;

namespace ContactCost.Formats.PriceBooks;

/// <summary>
/// Reads a price book from its JSON document (see docs/pricebook.md). Every problem is reported
/// with the file and the path of the value, e.g. <c>charges[2].unitPrice must not be negative</c>.
/// </summary>
public static class PriceBookJson
{
    private static readonly string[] SupportedModels = ["per-unit", "per-seat", "flat", "one-time"];

    /// <summary>Reads and validates the price book in <paramref name="path"/>.</summary>
    /// <exception cref="DocumentException">The file is not a valid price book.</exception>
    public static PriceBook ReadFile(string path) => Read(File.ReadAllText(path), System.IO.Path.GetFileName(path));

    /// <summary>Reads and validates a price book from <paramref name="json"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DocumentException">The document is not a valid price book.</exception>
    public static PriceBook Read(string json, string file)
    {
        var root = DocumentNode.Parse(json, file, out var document);
        using (document)
        {
            root.OnlyProperties("currency", "effective", "rounding", "name", "charges");
            var currency = root.Required("currency").Choice<Currency>(TryCurrency, "an ISO 4217 code such as USD, EUR, GBP");
            var effective = root.Required("effective").Date();
            var rounding = root.Optional("rounding")?.Choice<RoundingMode>(Rounding.TryParse, Rounding.AllNames) ?? RoundingMode.HalfUp;

            var charges = new List<Charge>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var node in root.Required("charges").Items())
            {
                var charge = ReadCharge(node);
                if (!ids.Add(charge.Id))
                    throw node.Required("id").Error($"'{charge.Id}' is used by an earlier charge; charge ids must be unique");
                charges.Add(charge);
            }

            return new PriceBook(currency, effective, rounding, charges);
        }
    }

    private static Charge ReadCharge(DocumentNode node)
    {
        var id = node.Required("id").String();
        if (string.IsNullOrWhiteSpace(id))
            throw node.Required("id").Error("must not be empty");
        var modelNode = node.Required("model");
        var modelName = modelNode.String();
        return modelName switch
        {
            "per-unit" => PerUnit(node, id),
            "per-seat" => PerSeat(node, id),
            "flat" => Flat(node, id),
            "one-time" => OneTime(node, id),
            _ => throw modelNode.Error($"is '{modelName}'; this version supports: {string.Join(", ", SupportedModels)}"),
        };
    }

    private static Charge PerUnit(DocumentNode node, string id)
    {
        node.OnlyProperties("id", "meter", "filter", "model", "unitPrice", "per", "increment", "minimum", "connectFee", "description");
        var meterNode = node.Required("meter");
        var meter = meterNode.Choice<Meter>(Meters.TryParse, Meters.AllNames);
        if (!meter.IsPerInteraction())
            throw meterNode.Error($"is '{meter.Name()}', which a per-unit charge cannot price; use a per-seat charge");
        var filter = node.Optional("filter") is { } f ? ReadFilter(f) : ChargeFilter.Any;
        if (meter.ChannelOf() is { } meterChannel && filter.Channel is { } filterChannel && meterChannel != filterChannel)
            throw node.Required("filter").Required("channel").Error(
                $"is '{filterChannel.Name()}' but meter '{meter.Name()}' only measures {meterChannel.Name()}; the charge would never apply");

        var model = new PerUnitModel(
            node.Required("unitPrice").NonNegativeDecimal(),
            node.Optional("per")?.PositiveDecimal() ?? 1m,
            BillingIncrement.Of(node.Optional("minimum")?.NonNegativeDecimal() ?? 0m, node.Optional("increment")?.NonNegativeDecimal() ?? 0m),
            node.Optional("connectFee")?.NonNegativeDecimal() ?? 0m);
        return new Charge(id, meter, filter, model);
    }

    private static Charge PerSeat(DocumentNode node, string id)
    {
        node.OnlyProperties("id", "meter", "model", "unitPrice", "period", "proration", "description");
        if (node.Optional("meter") is { } meterNode && meterNode.Choice<Meter>(Meters.TryParse, Meters.AllNames) != Meter.Seats)
            throw meterNode.Error("must be 'seats' for a per-seat charge");
        ExpectMonthlyDaily(node);
        return new Charge(id, Meter.Seats, ChargeFilter.Any, new PerSeatModel(node.Required("unitPrice").NonNegativeDecimal()));
    }

    private static Charge Flat(DocumentNode node, string id)
    {
        node.OnlyProperties("id", "model", "amount", "period", "proration", "description");
        ExpectMonthlyDaily(node);
        return new Charge(id, null, ChargeFilter.Any, new FlatModel(node.Required("amount").NonNegativeDecimal()));
    }

    private static Charge OneTime(DocumentNode node, string id)
    {
        node.OnlyProperties("id", "model", "amount", "description");
        return new Charge(id, null, ChargeFilter.Any, new OneTimeModel(node.Required("amount").NonNegativeDecimal()));
    }

    // Recurring charges are monthly and prorated by day; say so rather than silently ignore another value.
    private static void ExpectMonthlyDaily(DocumentNode node)
    {
        if (node.Optional("period") is { } period && period.String() != "month")
            throw period.Error("must be 'month' (the only billing period this version supports)");
        if (node.Optional("proration") is { } proration && proration.String() != "daily")
            throw proration.Error("must be 'daily' (the only proration this version supports)");
    }

    private static ChargeFilter ReadFilter(DocumentNode node)
    {
        node.OnlyProperties("channel", "direction", "queue");
        return new ChargeFilter
        {
            Channel = node.Optional("channel")?.Choice<Channel>(TryChannel, ChannelNames.AllNames),
            Direction = node.Optional("direction")?.Choice<Direction>(TryDirection, "inbound, outbound"),
            Queue = node.Optional("queue")?.String(),
        };
    }

    private static bool TryCurrency(string text, out Currency value)
    {
        var found = Currency.TryFromCode(text, out var currency);
        value = currency!;
        return found;
    }

    private static bool TryChannel(string text, out Channel value) => ChannelNames.TryParse(text, out value);

    private static bool TryDirection(string text, out Direction value) => DirectionNames.TryParse(text, out value);
}
