namespace ContactCost.Invoicing;

/// <summary>Whether a document bills a period or corrects an issued invoice.</summary>
public enum InvoiceKind
{
    /// <summary>The first document for a tenant's billing month.</summary>
    Invoice,

    /// <summary>A credit or debit note: what changed since the invoice (and earlier adjustments) were issued.</summary>
    Adjustment,
}

/// <summary>One line of an invoice: a charge, the units billed and the amount (the sum of its rounded charge lines).</summary>
/// <param name="ChargeId">The charge.</param>
/// <param name="Description">What it is, from the price book.</param>
/// <param name="Quantity">The billed units (for an adjustment, the change in units).</param>
/// <param name="Amount">The amount (for an adjustment, the change).</param>
public sealed record InvoiceLine(string ChargeId, string? Description, decimal Quantity, Money Amount);

/// <summary>
/// A postpaid invoice or adjustment for one tenant's billing month. Its subtotal is the sum of its
/// lines, its tax is the subtotal times the tax rate rounded half-up once, and its total is both;
/// the constructor checks all three, so an invoice that does not add up cannot exist.
/// </summary>
public sealed record Invoice
{
    /// <summary>An issued document; throws when the totals do not add up or currencies differ.</summary>
    public Invoice(string number, InvoiceKind kind, string period, Currency currency, IReadOnlyList<InvoiceLine> lines, decimal taxRate, Money subtotal, Money tax, Money total, string? corrects, DateTimeOffset issuedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(period);
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(lines);
        if (taxRate < 0m)
            throw new ArgumentOutOfRangeException(nameof(taxRate), taxRate, "The tax rate must not be negative.");
        if (kind == InvoiceKind.Adjustment && corrects is null)
            throw new ArgumentException("An adjustment names the invoice it corrects.", nameof(corrects));
        var sum = lines.Select(l => l.Amount).Sum(currency);
        if (sum != subtotal || TaxOf(subtotal, taxRate) != tax || subtotal + tax != total)
            throw new ArgumentException($"Invoice {number} does not add up: lines {sum}, subtotal {subtotal}, tax {tax}, total {total}.");
        Number = number;
        Kind = kind;
        Period = period;
        Currency = currency;
        Lines = lines;
        TaxRate = taxRate;
        Subtotal = subtotal;
        Tax = tax;
        Total = total;
        Corrects = corrects;
        IssuedAt = issuedAt;
    }

    /// <summary>The document number, unique per tenant and stable once issued (<c>INV-000001</c>, <c>ADJ-000001</c>).</summary>
    public string Number { get; }

    /// <summary>Invoice or adjustment.</summary>
    public InvoiceKind Kind { get; }

    /// <summary>The billing month, <c>2026-10</c>.</summary>
    public string Period { get; }

    /// <summary>The currency of every amount.</summary>
    public Currency Currency { get; }

    /// <summary>The lines, one per charge.</summary>
    public IReadOnlyList<InvoiceLine> Lines { get; }

    /// <summary>The tax rate, as a fraction (0.2 is 20%).</summary>
    public decimal TaxRate { get; }

    /// <summary>The sum of the lines.</summary>
    public Money Subtotal { get; }

    /// <summary>Subtotal × tax rate, rounded half-up once.</summary>
    public Money Tax { get; }

    /// <summary>Subtotal + tax.</summary>
    public Money Total { get; }

    /// <summary>For an adjustment, the number of the invoice it corrects.</summary>
    public string? Corrects { get; }

    /// <summary>When it was issued.</summary>
    public DateTimeOffset IssuedAt { get; }

    /// <summary>The tax on <paramref name="subtotal"/> at <paramref name="rate"/>, rounded half-up to the minor unit once.</summary>
    public static Money TaxOf(Money subtotal, decimal rate) => (subtotal * rate).Round(RoundingMode.HalfUp);

    /// <summary>
    /// What the next document for a period must be, given what is billed now (<paramref name="current"/>)
    /// and what was issued already: a first invoice, an adjustment with the differences, or nothing
    /// when the issued documents already bill exactly the current lines.
    /// </summary>
    public static InvoiceDraft? Next(string period, Currency currency, IReadOnlyList<InvoiceLine> current, IReadOnlyList<Invoice> issued, decimal taxRate)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(issued);
        var original = issued.FirstOrDefault(i => i.Kind == InvoiceKind.Invoice);
        if (original is null)
            return Draft(InvoiceKind.Invoice, period, currency, current, taxRate, null);

        // Billed so far = the invoice plus every adjustment; the new adjustment is the difference.
        var billed = issued.SelectMany(i => i.Lines).GroupBy(l => l.ChargeId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Quantity: g.Sum(l => l.Quantity), Amount: g.Select(l => l.Amount).Sum(currency)), StringComparer.Ordinal);
        var now = current.ToDictionary(l => l.ChargeId, StringComparer.Ordinal);
        var changes = billed.Keys.Union(now.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id =>
            {
                var was = billed.TryGetValue(id, out var b) ? b : (Quantity: 0m, Amount: Money.Zero(currency));
                var line = now.GetValueOrDefault(id);
                var quantity = (line?.Quantity ?? 0m) - was.Quantity;
                var amount = (line?.Amount ?? Money.Zero(currency)) - was.Amount;
                return new InvoiceLine(id, line?.Description, quantity, amount);
            })
            .Where(l => !l.Amount.IsZero || l.Quantity != 0m)
            .ToArray();
        return changes.Length == 0 ? null : Draft(InvoiceKind.Adjustment, period, currency, changes, original.TaxRate, original.Number);
    }

    private static InvoiceDraft Draft(InvoiceKind kind, string period, Currency currency, IReadOnlyList<InvoiceLine> lines, decimal taxRate, string? corrects)
    {
        var subtotal = lines.Select(l => l.Amount).Sum(currency);
        var tax = TaxOf(subtotal, taxRate);
        return new InvoiceDraft(kind, period, currency, lines, taxRate, subtotal, tax, subtotal + tax, corrects);
    }
}

/// <summary>An invoice or adjustment before the store gives it a number.</summary>
/// <param name="Kind">Invoice or adjustment.</param>
/// <param name="Period">The billing month.</param>
/// <param name="Currency">The currency.</param>
/// <param name="Lines">The lines.</param>
/// <param name="TaxRate">The tax rate.</param>
/// <param name="Subtotal">The sum of the lines.</param>
/// <param name="Tax">The tax, rounded once.</param>
/// <param name="Total">Subtotal + tax.</param>
/// <param name="Corrects">For an adjustment, the invoice it corrects.</param>
public sealed record InvoiceDraft(InvoiceKind Kind, string Period, Currency Currency, IReadOnlyList<InvoiceLine> Lines, decimal TaxRate, Money Subtotal, Money Tax, Money Total, string? Corrects)
{
    /// <summary>The issued document with its number.</summary>
    public Invoice Issue(string number, DateTimeOffset issuedAt) =>
        new(number, Kind, Period, Currency, Lines, TaxRate, Subtotal, Tax, Total, Corrects, issuedAt);
}
