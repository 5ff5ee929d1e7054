using System.Data.Common;
using ContactCost.Costing;
using ContactCost.Interactions;
using ContactCost.Rating;
using ContactCost.Usage;
using ContactCost.Wallets;

namespace ContactCost.Storage;

/// <summary>
/// How stored rows become records, the same for every store. A store says only how it keeps the
/// two values whose column types differ (instants, decimals); the column order of each reader is
/// the order its SELECT names them in.
/// </summary>
internal abstract class StoreRows
{
    /// <summary>An instant column.</summary>
    public abstract DateTimeOffset Instant(DbDataReader reader, int ordinal);

    /// <summary>A decimal (quantity, price, exact amount) column.</summary>
    public abstract decimal Decimal(DbDataReader reader, int ordinal);

    /// <summary>Every row of a command, read with <paramref name="read"/>.</summary>
    public static async Task<List<T>> ListAsync<T>(DbCommand command, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            rows.Add(read(reader));
        return rows;
    }

    /// <summary>id, channel, direction, customer, start, end, wait_ms, talk_ms, hold_ms, wrap_ms, queue, agent, units, destination, resolved, extra.</summary>
    public Interaction Interaction(DbDataReader reader)
    {
        return new Interaction(reader.GetString(0), InteractionContent.ParseChannel(reader.GetString(1)), Instant(reader, 4))
        {
            Direction = InteractionContent.ParseDirection(reader.GetString(2)),
            Customer = Text(reader, 3),
            End = reader.IsDBNull(5) ? null : Instant(reader, 5),
            Wait = InteractionContent.DurationFromMs(reader.GetInt64(6)),
            Talk = InteractionContent.DurationFromMs(reader.GetInt64(7)),
            Hold = InteractionContent.DurationFromMs(reader.GetInt64(8)),
            Wrap = InteractionContent.DurationFromMs(reader.GetInt64(9)),
            Queue = Text(reader, 10),
            Agent = Text(reader, 11),
            Units = reader.IsDBNull(12) ? null : checked((int)reader.GetInt64(12)),
            Destination = Text(reader, 13),
            Resolved = reader.IsDBNull(14) ? null : reader.GetBoolean(14),
            Extra = InteractionContent.ExtraFromJson(Text(reader, 15)),
        };
    }

    /// <summary>id, meter, quantity, start, channel, direction, queue, destination, extra.</summary>
    public UsageRecord Usage(DbDataReader reader)
    {
        return new UsageRecord(reader.GetString(0), InteractionContent.ParseMeter(reader.GetString(1)), Decimal(reader, 2), Instant(reader, 3))
        {
            Channel = Text(reader, 4) is { } channel ? InteractionContent.ParseChannel(channel) : null,
            Direction = Text(reader, 5) is { } direction ? InteractionContent.ParseDirection(direction) : null,
            Queue = Text(reader, 6),
            Destination = Text(reader, 7),
            Extra = InteractionContent.ExtraFromJson(Text(reader, 8)),
        };
    }

    /// <summary>charge_id, pricebook_version, meter, raw_quantity, billed_quantity, unit_price, per, amount_minor, basis, exact_amount.</summary>
    public ChargeLine ChargeLine(DbDataReader reader, Currency currency) =>
        new(
            reader.GetString(0),
            reader.GetString(1),
            reader.IsDBNull(2) ? null : InteractionContent.ParseMeter(reader.GetString(2)),
            Decimal(reader, 3),
            Decimal(reader, 4),
            Decimal(reader, 5),
            Decimal(reader, 6),
            Money.FromMinorUnits(reader.GetInt64(7), currency),
            Text(reader, 8))
        {
            ExactAmount = Decimal(reader, 9),
        };

    /// <summary>source, id, start, usage_minor.</summary>
    public UnchargedUsage Uncharged(DbDataReader reader) =>
        new(reader.GetString(0) == "interaction" ? RatedSource.Interaction : RatedSource.Usage, reader.GetString(1), Instant(reader, 2), reader.GetInt64(3));

    /// <summary>sequence, operation_id, kind, from_account, to_account, amount_minor, at, reference.</summary>
    public LedgerEntry Entry(DbDataReader reader, string wallet, Currency currency) =>
        new(
            reader.GetInt64(0), wallet, reader.GetString(1), Enum.Parse<EntryKind>(reader.GetString(2)),
            Enum.Parse<Account>(reader.GetString(3)), Enum.Parse<Account>(reader.GetString(4)),
            Money.FromMinorUnits(reader.GetInt64(5), currency), Instant(reader, 6), Text(reader, 7));

    /// <summary>low, available_minor, threshold_minor, operation_id, at, currency.</summary>
    public LowBalanceEvent Event(DbDataReader reader, string wallet)
    {
        var currency = Currency.FromCode(reader.GetString(5));
        return new LowBalanceEvent(wallet, reader.GetBoolean(0), Money.FromMinorUnits(reader.GetInt64(1), currency),
            Money.FromMinorUnits(reader.GetInt64(2), currency), reader.GetString(3), Instant(reader, 4));
    }

    /// <summary>tenant_id, delivery_id, wallet_id, currency, available_minor, threshold_minor, occurred, status, next_attempt.</summary>
    public WebhookDelivery Delivery(DbDataReader reader, IReadOnlyList<WebhookAttempt> attempts)
    {
        var currency = Currency.FromCode(reader.GetString(3));
        return new WebhookDelivery(
            reader.GetString(1), Tenants.TenantId.Parse(reader.GetString(0)), reader.GetString(2),
            Money.FromMinorUnits(reader.GetInt64(4), currency), Money.FromMinorUnits(reader.GetInt64(5), currency), Instant(reader, 6),
            Enum.Parse<DeliveryStatus>(reader.GetString(7), ignoreCase: true), Instant(reader, 8), attempts);
    }

    /// <summary>delivery_id, attempt, attempted, http_status, error: the attempt (its delivery id is column 0).</summary>
    public WebhookAttempt Attempt(DbDataReader reader) =>
        new(checked((int)reader.GetInt64(1)), Instant(reader, 2), reader.IsDBNull(3) ? null : checked((int)reader.GetInt64(3)), Text(reader, 4));

    /// <summary>How a delivery status is stored.</summary>
    public static string StatusName(DeliveryStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>channel, contacts, handled, abandoned, handle_ms, answered_wait_ms, answered_inbound, usage_minor, unrated.</summary>
    public static ChannelActivity Activity(DbDataReader reader) =>
        // Durations are summed in whole milliseconds, then turned into seconds.
        new(
            InteractionContent.ParseChannel(reader.GetString(0)),
            Contacts: reader.GetInt64(1),
            Handled: reader.GetInt64(2),
            Abandoned: reader.GetInt64(3),
            HandleSeconds: reader.GetInt64(4) / 1000m,
            AnsweredWaitSeconds: reader.GetInt64(5) / 1000m,
            AnsweredInbound: reader.GetInt64(6),
            UsageMinorUnits: reader.GetInt64(7),
            Unrated: reader.GetInt64(8));

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
