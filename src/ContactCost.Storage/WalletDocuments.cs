using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContactCost.Wallets;

namespace ContactCost.Storage;

/// <summary>
/// How wallet data is written in the store's text columns: an operation's request (compared to
/// spot an id reused for another request), its result (returned as is on a repeat), and a
/// reservation's allocations.
/// </summary>
internal static class WalletDocuments
{
    /// <summary>Everything that defines a request, in one canonical line.</summary>
    public static string Request(WalletOperation operation) => operation switch
    {
        CreateWallet c => Join("create", c.Wallet, c.Currency.Code, Amount(c.CreditLimit), c.LowBalance is { } l ? Amount(l) : ""),
        TopUp t => Join("topup", t.Wallet, Amount(t.Amount), t.ExpiresAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? ""),
        Authorize a => Join("authorize", a.Wallet, Amount(a.Amount), a.TimeToLive.Ticks.ToString(CultureInfo.InvariantCulture)),
        Commit c => Join("commit", c.Reservation, Amount(c.Amount)),
        Release r => Join("release", r.Reservation),
        WalletCharge c => Join("charge", c.Wallet, Amount(c.Amount)),
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation.Kind, "Unknown wallet operation."),
    };

    public static string WriteResult(WalletResult result) => Write(w =>
    {
        w.WriteString("kind", result.Kind);
        w.WriteString("status", result.Status.ToString());
        if (result.Reason is { } reason)
            w.WriteString("reason", reason);
        if (result.Wallet is { } wallet)
            w.WriteString("wallet", wallet);
        if (result.Reservation is { } reservation)
            w.WriteString("reservation", reservation);
        if (result.Balance is { } b)
        {
            w.WriteString("currency", b.Balance.Currency.Code);
            w.WriteNumber("available", b.Available.Amount);
            w.WriteNumber("reserved", b.Reserved.Amount);
            w.WriteNumber("balance", b.Balance.Amount);
            w.WriteNumber("creditLimit", b.CreditLimit.Amount);
        }
    });

    public static WalletResult ReadResult(string operationId, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string? Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;
        WalletBalance? balance = null;
        if (Text("currency") is { } code)
        {
            var currency = Currency.FromCode(code);
            Money Figure(string name) => new(root.GetProperty(name).GetDecimal(), currency);
            balance = new WalletBalance(Figure("available"), Figure("reserved"), Figure("balance"), Figure("creditLimit"));
        }

        return new WalletResult(operationId, Text("kind")!, Enum.Parse<WalletStatus>(Text("status")!), Text("reason"), Text("wallet"), Text("reservation"), balance);
    }

    public static string WriteAllocations(IReadOnlyList<Allocation> allocations) => Write(w =>
    {
        w.WriteStartArray("parts");
        foreach (var (lot, minor, expiresAt) in allocations)
        {
            w.WriteStartArray();
            if (lot is null)
                w.WriteNullValue();
            else
                w.WriteStringValue(lot);
            w.WriteNumberValue(minor);
            if (expiresAt is { } e)
                w.WriteNumberValue(e.ToUnixTimeMilliseconds());
            else
                w.WriteNullValue();
            w.WriteEndArray();
        }

        w.WriteEndArray();
    });

    public static IReadOnlyList<Allocation> ReadAllocations(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("parts").EnumerateArray()
            .Select(p => new Allocation(
                p[0].ValueKind == JsonValueKind.Null ? null : p[0].GetString(),
                p[1].GetInt64(),
                p[2].ValueKind == JsonValueKind.Null ? null : DateTimeOffset.FromUnixTimeMilliseconds(p[2].GetInt64())))
            .ToArray();
    }

    // Without trailing zeros: 1.5 and 1.50 are the same request.
    private static string Amount(Money money) => InteractionContent.Quantity(money.Amount) + " " + money.Currency.Code;

    private static string Join(params string[] parts) => string.Join('|', parts);

    private static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
