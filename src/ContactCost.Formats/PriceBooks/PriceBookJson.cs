using System.Globalization;
using ContactCost.Formats.Documents;
using ContactCost.Interactions;
using ContactCost.Rating;

namespace ContactCost.Formats.PriceBooks;

/// <summary>
/// Reads a price book from its JSON document (see docs/pricebook.md). Every problem is reported
/// with the file and the path of the value, e.g. <c>charges[3].tiers[1].upTo must be greater than 100</c>.
/// </summary>
public static class PriceBookJson
{
    private static readonly string[] Models = ["per-unit", "graduated", "volume", "package", "per-seat", "flat", "one-time"];

    /// <summary>Reads and validates the price book in <paramref name="path"/>.</summary>
    /// <exception cref="DocumentException">The file is not a valid price book.</exception>
    public static PriceBook ReadFile(string path) => Read(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Reads and validates a price book from <paramref name="json"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DocumentException">The document is not a valid price book.</exception>
    public static PriceBook Read(string json, string file)
    {
        var root = DocumentNode.Parse(json, file, out var document);
        using (document)
        {
            root.OnlyProperties("currency", "effective", "rounding", "name", "description", "charges");
            var currencyNode = root.Required("currency");
            var code = currencyNode.String();
            var currency = Currency.TryFromCode(code, out var c) ? c : throw currencyNode.Error($"is '{code}'; expected an ISO 4217 code such as USD, EUR, GBP");
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
        var idNode = node.Required("id");
        var id = idNode.String();
        if (string.IsNullOrWhiteSpace(id))
            throw idNode.Error("must not be empty");
        var modelNode = node.Required("model");
        var modelName = modelNode.String();
        var charge = modelName switch
        {
            "per-unit" => PerUnit(node, id),
            "graduated" or "volume" => Tiered(node, id, modelName),
            "package" => Package(node, id),
            "per-seat" => PerSeat(node, id),
            "flat" => Flat(node, id),
            "one-time" => OneTime(node, id),
            _ => throw modelNode.Error($"is '{modelName}'; expected one of: {string.Join(", ", Models)}"),
        };
        return charge with { Description = node.Optional("description")?.String() };
    }

    private static Charge PerUnit(DocumentNode node, string id)
    {
        node.OnlyProperties("id", "description", "meter", "filter", "model", "unitPrice", "per", "increment", "minimum", "connectFee",
            "allowance", "destinations", "windows");
        var (meter, filter) = MeterAndFilter(node);
        if (node.Optional("destinations") is not null && node.Optional("windows") is { } windowsNode)
            throw windowsNode.Error("cannot be combined with destinations in one charge; use two charges with filters");

        var model = new PerUnitModel(
            node.Required("unitPrice").NonNegativeDecimal(),
            node.Optional("per")?.PositiveDecimal() ?? 1m,
            Increment(node),
            node.Optional("connectFee")?.NonNegativeDecimal() ?? 0m)
        {
            Allowance = node.Optional("allowance")?.NonNegativeDecimal() ?? 0m,
            Destinations = node.Optional("destinations") is { } d ? Destinations(d) : null,
            Windows = node.Optional("windows") is { } w ? Windows(w) : [],
        };
        return new Charge(id, meter, filter, model);
    }

    private static Charge Tiered(DocumentNode node, string id, string modelName)
    {
        node.OnlyProperties("id", "description", "meter", "filter", "model", "tiers", "per", "increment", "minimum");
        var (meter, filter) = MeterAndFilter(node);
        var tiers = Tiers(node.Required("tiers"));
        var per = node.Optional("per")?.PositiveDecimal() ?? 1m;
        ChargeModel model = modelName == "graduated"
            ? new GraduatedModel(tiers, per, Increment(node))
            : new VolumeModel(tiers, per, Increment(node));
        return new Charge(id, meter, filter, model);
    }

    private static Charge Package(DocumentNode node, string id)
    {
        node.OnlyProperties("id", "description", "meter", "filter", "model", "packageSize", "packagePrice", "increment", "minimum");
        var (meter, filter) = MeterAndFilter(node);
        return new Charge(id, meter, filter, new PackageModel(
            node.Required("packageSize").PositiveDecimal(),
            node.Required("packagePrice").NonNegativeDecimal(),
            Increment(node)));
    }

    private static Charge PerSeat(DocumentNode node, string id)
    {
        node.OnlyProperties("id", "description", "meter", "model", "unitPrice", "period", "proration");
        if (node.Optional("meter") is { } meterNode && meterNode.Choice<Meter>(Meters.TryParse, Meters.AllNames) != Meter.Seats)
            throw meterNode.Error("must be 'seats' for a per-seat charge");
        ExpectMonthlyDaily(node);
        return new Charge(id, Meter.Seats, ChargeFilter.Any, new PerSeatModel(node.Required("unitPrice").NonNegativeDecimal()));
    }

    private static Charge Flat(DocumentNode node, string id)
    {
        node.OnlyProperties("id", "description", "model", "amount", "period", "proration");
        ExpectMonthlyDaily(node);
        return new Charge(id, null, ChargeFilter.Any, new FlatModel(node.Required("amount").NonNegativeDecimal()));
    }

    private static Charge OneTime(DocumentNode node, string id)
    {
        node.OnlyProperties("id", "description", "model", "amount");
        return new Charge(id, null, ChargeFilter.Any, new OneTimeModel(node.Required("amount").NonNegativeDecimal()));
    }

    private static (Meter Meter, ChargeFilter Filter) MeterAndFilter(DocumentNode node)
    {
        var meterNode = node.Required("meter");
        var meter = meterNode.Choice<Meter>(Meters.TryParse, Meters.AllNames);
        if (meter == Meter.Seats)
            throw meterNode.Error("is 'seats', which this model cannot price; use a per-seat charge");
        var filter = node.Optional("filter") is { } f ? Filter(f) : ChargeFilter.Any;
        if (meter.ChannelOf() is { } meterChannel && filter.Channel is { } filterChannel && meterChannel != filterChannel)
            throw node.Required("filter").Required("channel").Error(
                $"is '{filterChannel.Name()}' but meter '{meter.Name()}' only measures {meterChannel.Name()}; the charge would never apply");
        return (meter, filter);
    }

    private static BillingIncrement Increment(DocumentNode node) =>
        BillingIncrement.Of(node.Optional("minimum")?.NonNegativeDecimal() ?? 0m, node.Optional("increment")?.NonNegativeDecimal() ?? 0m);

    // Tiers are checked here, where the path of each value is known.
    private static PriceTiers Tiers(DocumentNode node)
    {
        var tiers = new List<PriceTier>();
        var items = node.Items().ToArray();
        if (items.Length == 0)
            throw node.Error("must list at least one tier");
        var previous = 0m;
        for (var i = 0; i < items.Length; i++)
        {
            var item = items[i];
            item.OnlyProperties("upTo", "unitPrice");
            var last = i == items.Length - 1;
            var upToNode = item.Optional("upTo");
            decimal? upTo = null;
            if (upToNode is { } u)
            {
                if (last)
                    throw u.Error("must be null: the last tier has no upper bound, so every quantity has a price");
                upTo = u.Decimal();
                if (upTo <= previous)
                    throw u.Error($"must be greater than {previous.ToString(CultureInfo.InvariantCulture)}");
                previous = upTo.Value;
            }
            else if (!last)
            {
                throw item.Error("needs an upTo: only the last tier may be open-ended");
            }

            tiers.Add(new PriceTier(upTo, item.Required("unitPrice").NonNegativeDecimal()));
        }

        return new PriceTiers(tiers);
    }

    private static DestinationPrices Destinations(DocumentNode node)
    {
        var prices = new List<(string, decimal)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in node.Items())
        {
            item.OnlyProperties("prefix", "unitPrice");
            var prefixNode = item.Required("prefix");
            var prefix = prefixNode.String().Trim();
            if (prefix.Length == 0)
                throw prefixNode.Error("must not be empty");
            if (!seen.Add(prefix))
                throw prefixNode.Error($"'{prefix}' is listed twice");
            prices.Add((prefix, item.Required("unitPrice").NonNegativeDecimal()));
        }

        return new DestinationPrices(prices);
    }

    private static List<TimeWindow> Windows(DocumentNode node)
    {
        var windows = new List<TimeWindow>();
        foreach (var item in node.Items())
        {
            item.OnlyProperties("name", "days", "from", "to", "unitPrice");
            var nameNode = item.Required("name");
            var name = nameNode.String();
            if (string.IsNullOrWhiteSpace(name))
                throw nameNode.Error("must not be empty");
            IReadOnlySet<DayOfWeek> days = Enum.GetValues<DayOfWeek>().ToHashSet();
            if (item.Optional("days") is { } daysNode && !TimeWindow.TryParseDays(daysNode.String(), out days))
                throw daysNode.Error($"is '{daysNode.String()}'; write days like mon-fri, sat,sun or mon,wed-fri");
            windows.Add(new TimeWindow(name, days, Time(item.Optional("from")), Time(item.Optional("to")), item.Required("unitPrice").NonNegativeDecimal()));
        }

        return windows;
    }

    // "HH:mm"; "24:00" is the end of the day, which a window ending at midnight needs.
    private static TimeOnly Time(DocumentNode? node)
    {
        if (node is not { } n)
            return TimeOnly.MinValue;
        var text = n.String();
        if (text == "24:00")
            return TimeOnly.MinValue;
        return TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw n.Error($"is '{text}'; write a time of day as HH:mm, e.g. 08:00 or 24:00");
    }

    // Recurring charges are monthly and prorated by day; say so rather than silently ignore another value.
    private static void ExpectMonthlyDaily(DocumentNode node)
    {
        if (node.Optional("period") is { } period && period.String() != "month")
            throw period.Error("must be 'month' (the only billing period this version supports)");
        if (node.Optional("proration") is { } proration && proration.String() != "daily")
            throw proration.Error("must be 'daily' (the only proration this version supports)");
    }

    private static ChargeFilter Filter(DocumentNode node)
    {
        node.OnlyProperties("channel", "direction", "queue", "destination");
        return new ChargeFilter
        {
            Channel = node.Optional("channel")?.Choice<Channel>(TryChannel, ChannelNames.AllNames),
            Direction = node.Optional("direction")?.Choice<Direction>(TryDirection, "inbound, outbound"),
            Queue = node.Optional("queue")?.String(),
            DestinationPrefixes = node.Optional("destination") is { } d ? Prefixes(d) : [],
        };
    }

    private static string[] Prefixes(DocumentNode node) =>
        node.Kind == System.Text.Json.JsonValueKind.Array
            ? node.Items().Select(p => p.String()).ToArray()
            : [node.String()];

    private static bool TryChannel(string text, out Channel value) => ChannelNames.TryParse(text, out value);

    private static bool TryDirection(string text, out Direction value) => DirectionNames.TryParse(text, out value);
}
