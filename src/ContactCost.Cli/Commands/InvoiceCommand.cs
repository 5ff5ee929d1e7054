using System.CommandLine;
using System.Globalization;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Formats.Invoices;
using ContactCost.Invoicing;
using ContactCost.Periods;
using Spectre.Console;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost invoice</c>: the postpaid invoice of a tenant's billing month, or the adjustment that corrects it.</summary>
internal static class InvoiceCommand
{
    public static Command Create(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var period = CommonOptions.Month("--period", "The billing month to invoice (yyyy-MM), in the tenant's time zone.");
        period.Required = true;
        var taxRate = new Option<decimal?>("--tax-rate")
        {
            Description = "Tax as a fraction of the subtotal (0.2 is 20%). Default: 0. Adjustments use their invoice's rate.",
            HelpName = "RATE",
        };
        taxRate.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<decimal?>() is < 0m or > 1m)
                r.AddError("--tax-rate is a fraction between 0 and 1, e.g. 0.2 for 20%.");
        });
        var format = new Option<string>("--format")
        {
            Description = "table (default), json or html.",
            DefaultValueFactory = _ => "table",
            HelpName = "FORMAT",
        };
        format.AcceptOnlyFromAmong("table", "json", "html");
        var output = new Option<FileInfo?>("--out") { Description = "Write the invoice to this file instead of standard output.", HelpName = "FILE" };

        var command = new Command("invoice",
            "Issue the postpaid invoice of a billing month: every rated line summed per charge, tax, total, and a stable number. " +
            "Run it again after usage or prices changed and it issues an adjustment for the difference; when nothing changed it shows the invoice as issued.")
        {
            period, taxRate, format, output, database, tenant,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(tenant);
            var result = await PeriodInvoicing.InvoiceAsync(store, tenantId, parse.GetValue(period), parse.GetValue(taxRate), cancellationToken).ConfigureAwait(false);
            var invoice = result.Document;
            var status = result.IssuedNow ? "issued" : "unchanged";

            var text = parse.GetValue(format) switch
            {
                "json" => InvoiceFiles.ToJson(invoice, tenantId.Value, status),
                "html" => InvoiceFiles.ToHtml(invoice, tenantId.Value),
                _ => null,
            };
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text ?? InvoiceFiles.ToJson(invoice, tenantId.Value, status), cancellationToken).ConfigureAwait(false);
                terminal.Note($"Wrote {invoice.Number} to {file.FullName}");
            }
            else if (text is not null)
            {
                terminal.Out.Write(text);
            }
            else
            {
                WriteTable(terminal, invoice, tenantId.Value);
            }

            terminal.Note(result.IssuedNow
                ? invoice.Kind == InvoiceKind.Invoice
                    ? $"Issued {invoice.Number} for {invoice.Period}."
                    : $"Issued {invoice.Number} for {invoice.Period}: the lines changed since {invoice.Corrects} was issued."
                : $"{invoice.Number} for {invoice.Period} is unchanged: nothing changed since it was issued.");
            return ExitCode.Ok;
        });
        return command;
    }

    private static void WriteTable(Terminal terminal, Invoice invoice, string tenant)
    {
        var inv = CultureInfo.InvariantCulture;
        string Amount(Money m) => m.Amount.ToString("N" + m.Currency.MinorDigits.ToString(inv), inv);
        var title = invoice.Kind == InvoiceKind.Invoice ? "Invoice" : $"Adjustment to {invoice.Corrects}";
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{title} {invoice.Number}: tenant {Markup.Escape(tenant)}, {invoice.Period}, {invoice.Currency.Code}")
            .AddColumn("Charge").AddColumn("Description").AddColumn(new TableColumn("Quantity").RightAligned()).AddColumn(new TableColumn("Amount").RightAligned());
        foreach (var line in invoice.Lines)
            table.AddRow(Markup.Escape(line.ChargeId), Markup.Escape(line.Description ?? ""), line.Quantity.ToString("#,##0.######", inv), Amount(line.Amount));
        table.AddEmptyRow();
        table.AddRow("subtotal", "", "", Amount(invoice.Subtotal));
        table.AddRow($"tax {(invoice.TaxRate * 100).ToString("0.##", inv)}%", "", "", Amount(invoice.Tax));
        table.AddRow("[bold]total[/]", "", "", $"[bold]{Amount(invoice.Total)}[/]");
        terminal.Console.Write(table);
    }
}
