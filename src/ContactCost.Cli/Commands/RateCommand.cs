using System.Buffers;
using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Formats.Canonical;
using ContactCost.Formats.Import;
using ContactCost.Formats.PriceBooks;
using ContactCost.Rating;
using Spectre.Console;

namespace ContactCost.Cli.Commands;

/// <summary>
/// <c>ccost rate</c>: prices stored items that are not rated yet; or, with <c>--pricebook</c> and
/// <c>--input</c>, prices files straight away without a store.
/// </summary>
internal static class RateCommand
{
    public sealed record StoreJson(long Rated, long Lines, long WithoutPriceBook, decimal Amount, string Currency, IReadOnlyList<string> MonthsRerated, WalletCommand.SettleJson? Settlement);

    public static Command Create(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var pricebooks = new Option<FileInfo[]>("--pricebook")
        {
            Description = "Rate files without a store, with these price-book versions (give one per version).",
            HelpName = "FILE",
            AllowMultipleArgumentsPerToken = false,
        };
        var inputs = new Option<FileInfo[]>("--input")
        {
            Description = "With --pricebook: the interaction or usage-record CSV files to rate (each in start order when charges are tiered).",
            HelpName = "FILE",
        };
        var wallet = new Option<string?>("--wallet")
        {
            Description = "After rating the store, charge the rated usage to this prepaid wallet (as 'ccost wallet settle' does).",
            HelpName = "WALLET",
        };
        var zone = new Option<string>("--time-zone")
        {
            Description = "With --pricebook: the time zone of billing days and months. Default: UTC",
            DefaultValueFactory = _ => "UTC",
            HelpName = "ZONE",
        };

        var command = new Command("rate",
            "Rate stored interactions and usage records that are not rated yet, each with the price-book version in force on its " +
            "start day; running it again charges nothing twice. With --pricebook and --input, rate files instead and print every line.")
        {
            database, tenant, pricebooks, inputs, zone, wallet, json,
        };
        command.Validators.Add(r =>
        {
            var hasBooks = r.GetValue(pricebooks) is { Length: > 0 };
            var hasInputs = r.GetValue(inputs) is { Length: > 0 };
            if (hasBooks != hasInputs)
                r.AddError("Rating files needs both --pricebook FILE and --input FILE; without either, 'ccost rate' rates the store.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(pricebooks) is { Length: > 0 } books)
                return RateFiles(terminal, books, parse.GetValue(inputs)!, TenantSettingsLookup.ParseZone(parse.GetValue(zone)!), parse.GetValue(json), cancellationToken);

            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var summary = await terminal.WithProgressAsync("Rating", null,
                progress => StoreRating.RateAsync(store, parse.GetValue(tenant), progress, cancellationToken)).ConfigureAwait(false);
            if (!parse.GetValue(json))
            {
                terminal.Out.WriteLine($"Rated {summary.Rated:N0} items: {summary.Lines:N0} charge lines, {summary.Amount}.");
                if (summary.MonthsRerated.Count > 0)
                    terminal.Out.WriteLine($"Tiered charges: rated again from their first item, in time order: {string.Join(", ", summary.MonthsRerated)}.");
                if (summary.WithoutPriceBook > 0)
                    terminal.Out.WriteLine($"{summary.WithoutPriceBook:N0} items start before the first price-book version took effect and stay unrated.");
            }

            var (exit, settled) = parse.GetValue(wallet) is { } w
                ? await WalletCommand.SettleAndReportAsync(terminal, store, parse.GetValue(tenant), w, parse.GetValue(json), cancellationToken).ConfigureAwait(false)
                : (ExitCode.Ok, null);
            if (parse.GetValue(json))
            {
                terminal.WriteJson(Rated(summary, settled));
            }

            return exit;
        });
        return command;
    }

    /// <summary>The JSON <c>ccost rate --json</c> prints for a rating run of the store.</summary>
    public static StoreJson Rated(StoreRating.Summary summary, WalletCommand.SettleJson? settled) =>
        new(summary.Rated, summary.Lines, summary.WithoutPriceBook, summary.Amount.Amount,
            summary.Amount.Currency.Code, summary.MonthsRerated.Select(m => m.ToString()).ToArray(), settled);

    private static int RateFiles(Terminal terminal, FileInfo[] bookFiles, FileInfo[] inputFiles, TimeZoneInfo zone, bool json, CancellationToken cancellationToken)
    {
        foreach (var file in bookFiles.Concat(inputFiles))
        {
            if (!file.Exists)
                throw new CommandFailedException($"{file.FullName} does not exist.");
        }

        PriceBookHistory history;
        try
        {
            history = new PriceBookHistory(bookFiles.Select(f => PriceBookJson.ReadFile(f.FullName)));
        }
        catch (ArgumentException e)
        {
            throw new CommandFailedException(e.Message);
        }

        var rater = new Rater(history, zone);
        var currency = history.Currency;
        var totals = new SortedDictionary<string, Money>(StringComparer.Ordinal);
        using var quarantine = new QuarantineWriter(inputFiles[0].FullName + ".rejected.csv");
        using var output = json ? new JsonLines(terminal.Out) : null;
        output?.Start(currency);

        void Count(ChargeLine line) => totals[line.ChargeId] = totals.GetValueOrDefault(line.ChargeId, Money.Zero(currency)) + line.Amount;

        FileRating.Counts counts;
        try
        {
            counts = FileRating.Rate(
                inputFiles.Select(f => f.FullName).ToArray(),
                rater,
                zone,
                (item, lines) =>
                {
                    foreach (var line in lines)
                    {
                        Count(line);
                        output?.Line(item.Source, item.Id, line);
                    }
                },
                (month, lines) =>
                {
                    foreach (var line in lines)
                    {
                        Count(line);
                        output?.Line("month", month.ToString(), line);
                    }
                },
                quarantine.Write,
                _ => { },
                cancellationToken);
        }
        catch (RatingOrderException e)
        {
            throw new CommandFailedException(e.Message);
        }

        var total = totals.Values.Sum(currency);
        if (output is not null)
        {
            output.End(totals, total, counts);
        }
        else
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"Rated {counts.Items:N0} items ({currency.Code})")
                .AddColumn("Charge").AddColumn(new TableColumn("Amount").RightAligned());
            foreach (var (id, amount) in totals)
                table.AddRow(Markup.Escape(id), amount.Amount.ToString("N2", CultureInfo.InvariantCulture));
            table.AddRow("[bold]total[/]", $"[bold]{total.Amount.ToString("N2", CultureInfo.InvariantCulture)}[/]");
            terminal.Console.Write(table);
        }

        if (counts.Unpriced > 0)
            terminal.Note($"{counts.Unpriced:N0} items start before the first price-book version took effect and were not priced.");
        if (quarantine.Count > 0)
        {
            terminal.Note($"{quarantine.Count:N0} records were refused; see {quarantine.Path}");
            return ExitCode.RejectedInput;
        }

        return ExitCode.Ok;
    }

    /// <summary>
    /// Writes <c>{currency, lines: [...], totals: {byCharge, total}}</c> as the lines come, flushing
    /// in chunks, so millions of lines never sit in memory.
    /// </summary>
    private sealed class JsonLines(TextWriter output) : IDisposable
    {
        private readonly ArrayBufferWriter<byte> buffer = new(1 << 16);
        private Utf8JsonWriter? writer;

        public void Start(Currency currency)
        {
            writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false });
            writer.WriteStartObject();
            writer.WriteString("currency", currency.Code);
            writer.WriteStartArray("lines");
        }

        public void Line(string source, string id, ChargeLine line)
        {
            var w = writer!;
            w.WriteStartObject();
            w.WriteString("source", source);
            w.WriteString("id", id);
            w.WriteString("chargeId", line.ChargeId);
            w.WriteString("version", line.PriceBookVersion);
            if (line.Meter is { } meter)
                w.WriteString("meter", meter.Name());
            if (line.Basis is { } basis)
                w.WriteString("basis", basis);
            w.WriteNumber("rawQuantity", line.RawQuantity);
            w.WriteNumber("billedQuantity", line.BilledQuantity);
            w.WriteNumber("unitPrice", line.UnitPrice);
            w.WriteNumber("per", line.Per);
            w.WriteNumber("exactAmount", line.ExactAmount);
            w.WriteNumber("amount", line.Amount.Amount);
            w.WriteEndObject();
            // The writer holds its output until flushed: flush by what it holds, not by what the buffer got.
            if (w.BytesPending > 1 << 15)
                Flush();
        }

        public void End(IReadOnlyDictionary<string, Money> byCharge, Money total, FileRating.Counts counts)
        {
            var w = writer!;
            w.WriteEndArray();
            w.WriteStartObject("totals");
            w.WriteStartObject("byCharge");
            foreach (var (id, amount) in byCharge)
                w.WriteNumber(id, amount.Amount);
            w.WriteEndObject();
            w.WriteNumber("total", total.Amount);
            w.WriteEndObject();
            w.WriteNumber("items", counts.Items);
            w.WriteNumber("unpriced", counts.Unpriced);
            w.WriteNumber("rejected", counts.Rejected);
            w.WriteEndObject();
            Flush();
            output.WriteLine();
            output.Flush();
        }

        public void Dispose() => writer?.Dispose();

        private void Flush()
        {
            writer!.Flush();
            output.Write(Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.ResetWrittenCount();
        }
    }
}
