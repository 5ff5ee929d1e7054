using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContactCost.Invoicing;

namespace ContactCost.Formats.Invoices;

/// <summary>Invoices as JSON for machines and as a self-contained HTML page for people.</summary>
public static class InvoiceFiles
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The invoice as JSON: number, kind, period, tenant, currency, lines, subtotal, tax, total.</summary>
    public static string ToJson(Invoice invoice, string tenant, string status)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        return JsonSerializer.Serialize(new InvoiceJson(
            invoice.Number,
            invoice.Kind == InvoiceKind.Invoice ? "invoice" : "adjustment",
            status,
            invoice.Period,
            tenant,
            invoice.Currency.Code,
            invoice.IssuedAt,
            invoice.TaxRate,
            invoice.Lines.Select(l => new LineJson(l.ChargeId, l.Description, l.Quantity, l.Amount.Amount)).ToArray(),
            invoice.Subtotal.Amount,
            invoice.Tax.Amount,
            invoice.Total.Amount,
            invoice.Corrects), Options);
    }

    /// <summary>The invoice as one HTML page with its own styles: no network, prints as it shows.</summary>
    public static string ToHtml(Invoice invoice, string tenant)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var inv = CultureInfo.InvariantCulture;
        string Amount(Money m) => WebUtility.HtmlEncode(m.Amount.ToString("N" + m.Currency.MinorDigits.ToString(inv), inv));
        var title = invoice.Kind == InvoiceKind.Invoice ? "Invoice" : "Adjustment";
        var html = new System.Text.StringBuilder();
        var number = WebUtility.HtmlEncode(invoice.Number);
        var corrects = invoice.Corrects is { } c ? $" · corrects <b>{WebUtility.HtmlEncode(c)}</b>" : "";
        html.Append(inv, $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{title}} {{number}}</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 2.5rem auto; max-width: 52rem; color: #1d2430; }
            h1 { font-size: 1.6rem; margin-bottom: .2rem; }
            .meta { color: #5b6675; margin-bottom: 1.5rem; }
            table { border-collapse: collapse; width: 100%; }
            th, td { padding: .45rem .6rem; border-bottom: 1px solid #dde3ea; text-align: left; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            tfoot td { border-bottom: none; }
            tr.total td { font-weight: 700; border-top: 2px solid #1d2430; }
            </style></head><body>
            <h1>{{title}} {{number}}</h1>
            <div class="meta">Tenant <b>{{WebUtility.HtmlEncode(tenant)}}</b> · billing month <b>{{WebUtility.HtmlEncode(invoice.Period)}}</b> · issued {{invoice.IssuedAt:yyyy-MM-dd}} · {{invoice.Currency.Code}}{{corrects}}</div>
            <table>
            <thead><tr><th>Charge</th><th>Description</th><th class="num">Quantity</th><th class="num">Amount</th></tr></thead>
            <tbody>

            """);
        foreach (var line in invoice.Lines)
        {
            html.Append(inv, $"<tr><td>{WebUtility.HtmlEncode(line.ChargeId)}</td><td>{WebUtility.HtmlEncode(line.Description ?? "")}</td>" +
                $"<td class=\"num\">{line.Quantity.ToString("#,##0.######", inv)}</td><td class=\"num\">{Amount(line.Amount)}</td></tr>\n");
        }

        html.Append(inv, $"""
            </tbody>
            <tfoot>
            <tr><td colspan="3">Subtotal</td><td class="num">{Amount(invoice.Subtotal)}</td></tr>
            <tr><td colspan="3">Tax ({(invoice.TaxRate * 100).ToString("0.##", inv)}%)</td><td class="num">{Amount(invoice.Tax)}</td></tr>
            <tr class="total"><td colspan="3">Total {invoice.Currency.Code}</td><td class="num">{Amount(invoice.Total)}</td></tr>
            </tfoot>
            </table>
            </body></html>

            """);
        return html.ToString();
    }

    private sealed record InvoiceJson(
        string Number, string Kind, string Status, string Period, string Tenant, string Currency, DateTimeOffset IssuedAt, decimal TaxRate,
        IReadOnlyList<LineJson> Lines, decimal Subtotal, decimal Tax, decimal Total, string? Corrects);

    private sealed record LineJson(string ChargeId, string? Description, decimal Quantity, decimal Amount);
}
