using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Rating;
using ContactCost.Storage;
using Spectre.Console;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost pricebook load|show</c>: the versioned price book of a tenant.</summary>
internal static class PriceBookCommand
{
    public sealed record LoadJson(string Version, string Currency, int Charges, string Result, long Rerated, IReadOnlyList<DifferenceJson> Differences);

    public sealed record DifferenceJson(string ChargeId, decimal Before, decimal After, decimal Change);

    public static Command Create(Terminal terminal)
    {
        var command = new Command("pricebook", "Load or show the tenant's price book: the versioned list of charges applied to usage.");
        command.Subcommands.Add(Load(terminal));
        command.Subcommands.Add(Show(terminal));
        return command;
    }

    private static Command Load(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var file = new Argument<FileInfo>("FILE") { Description = "The price-book JSON file (see docs/pricebook.md)." };
        var command = new Command("load",
            "Validate a price-book file and store it as the version effective on its 'effective' date. " +
            "Everything it covers (up to the next version) is rated again at once, and the change per charge is shown.")
        {
            file, database, tenant, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var load = await DocumentLoading.LoadPriceBookAsync(store, parse.GetValue(tenant), parse.GetValue(file)!.FullName, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                terminal.WriteJson(Loaded(load));
            }
            else
            {
                var what = load.Save switch
                {
                    DocumentSave.Added => "Loaded",
                    DocumentSave.Replaced => "Replaced",
                    _ => "Unchanged:",
                };
                terminal.Out.WriteLine($"{what} price book version {load.Book.Version} ({load.Book.Currency.Code}, {load.Book.Charges.Count} charges).");
                if (load.Rerated > 0)
                {
                    terminal.Out.WriteLine($"Rated again the {load.Rerated:N0} items it covers:");
                    var table = new Table().Border(TableBorder.Rounded)
                        .AddColumn("Charge").AddColumn(new TableColumn("Before").RightAligned())
                        .AddColumn(new TableColumn("After").RightAligned()).AddColumn(new TableColumn("Change").RightAligned());
                    foreach (var d in load.Differences)
                        table.AddRow(Markup.Escape(d.ChargeId), d.Before.Amount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture),
                            d.After.Amount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture),
                            d.Change.Amount.ToString("+#,##0.00;-#,##0.00;0.00", System.Globalization.CultureInfo.InvariantCulture));
                    terminal.Console.Write(table);
                }
            }

            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Show(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var command = new Command("show", "Show every stored price-book version and its charges.") { database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var documents = await store.GetPriceBooksAsync(parse.GetValue(tenant), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                terminal.Out.Write(ShowJson(documents));
                return ExitCode.Ok;
            }

            if (documents.Count == 0)
            {
                terminal.Out.WriteLine("No price book loaded. Load one: ccost pricebook load samples/pricebook.json");
                return ExitCode.Ok;
            }

            foreach (var book in await DocumentLoading.PriceBooksAsync(store, parse.GetValue(tenant), cancellationToken).ConfigureAwait(false))
                WriteTable(terminal, book);
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>The JSON <c>pricebook load --json</c> prints for a load.</summary>
    public static LoadJson Loaded(DocumentLoading.PriceBookLoad load) =>
        new(load.Book.Version, load.Book.Currency.Code, load.Book.Charges.Count, load.Save.ToString().ToLowerInvariant(), load.Rerated,
            load.Differences.Select(d => new DifferenceJson(d.ChargeId, d.Before.Amount, d.After.Amount, d.Change.Amount)).ToArray());

    /// <summary>The stored documents, exactly as loaded, in a JSON array (what <c>pricebook show --json</c> prints).</summary>
    public static string ShowJson(IReadOnlyList<StoredDocument> documents)
    {
        var text = new System.Text.StringBuilder("[\n");
        for (var i = 0; i < documents.Count; i++)
            text.Append(documents[i].Json.Trim()).Append(i < documents.Count - 1 ? ",\n" : "\n");
        return text.Append("]\n").ToString();
    }

    private static void WriteTable(Terminal terminal, PriceBook book)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"Price book {book.Version} ({book.Currency.Code}, rounding {Rounding.Name(book.Rounding)})")
            .AddColumn("Charge").AddColumn("Meter").AddColumn("Applies to").AddColumn("Model").AddColumn("Price");
        foreach (var charge in book.Charges)
        {
            table.AddRow(
                Markup.Escape(charge.Id),
                charge.Meter?.Name() ?? "",
                Markup.Escape(Describe(charge.Filter)),
                charge.Model.Name,
                Markup.Escape(Describe(charge.Model)));
        }

        terminal.Console.Write(table);
    }

    private static string Describe(ChargeFilter filter)
    {
        var parts = new List<string>();
        if (filter.Channel is { } channel)
            parts.Add(ContactCost.Interactions.ChannelNames.Name(channel));
        if (filter.Direction is { } direction)
            parts.Add(ContactCost.Interactions.DirectionNames.Name(direction));
        if (filter.Queue is { } queue)
            parts.Add($"queue {queue}");
        if (filter.DestinationPrefixes.Count > 0)
            parts.Add($"to {string.Join("/", filter.DestinationPrefixes)}");
        return parts.Count == 0 ? "all" : string.Join(", ", parts);
    }

    private static string Describe(ChargeModel model) => model switch
    {
        PerUnitModel m => $"{m.UnitPrice} per {m.Per}, billed {m.Increment}"
            + (m.ConnectFee > 0 ? $", connect {m.ConnectFee}" : "")
            + (m.Allowance > 0 ? $", {m.Allowance} free per month" : "")
            + (m.Destinations is { } d ? $", {d.Prices.Count} destination prices" : "")
            + (m.Windows.Count > 0 ? $", windows: {string.Join(", ", m.Windows.Select(w => $"{w} {w.UnitPrice}"))}" : ""),
        GraduatedModel m => $"graduated per {m.Per}: " + string.Join("; ", m.Tiers.Tiers.Select((t, i) => $"{m.Tiers.LabelOf(i)} {t.UnitPrice}")),
        VolumeModel m => $"volume per {m.Per}: " + string.Join("; ", m.Tiers.Tiers.Select((t, i) => $"{m.Tiers.LabelOf(i)} {t.UnitPrice}")),
        PackageModel m => $"{m.Price} per package of {m.Size}",
        PerSeatModel m => $"{m.UnitPrice} per seat per month",
        FlatModel m => $"{m.Amount} per month",
        OneTimeModel m => $"{m.Amount} once",
        _ => model.Name,
    };
}
