using System.Globalization;
using ContactCost.Tenants;
using ContactCost.Wallets;
using Microsoft.Data.Sqlite;

namespace ContactCost.Storage.Sqlite;

/// <summary>The wallet half of the store: operations applied in batches, each batch one immediate transaction.</summary>
public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<WalletResult>> ExecuteWalletOperationsAsync(
        TenantId tenant, IReadOnlyList<WalletOperation> operations, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operations);
        var results = new WalletResult[operations.Count];
        if (operations.Count == 0)
            return results;

        // Immediate: the write lock is taken before anything is read, so no other process can
        // change a wallet between our read and our write. That is what makes overspending impossible.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var batch = new WalletBatch(this, tenant, transaction, now);
        await batch.LoadFirstResultsAsync(operations.Select(o => o.OperationId), cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < operations.Count; i++)
            results[i] = await batch.ExecuteAsync(operations[i], cancellationToken).ConfigureAwait(false);
        await batch.SaveAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UnchargedUsage>> ReadUnchargedUsageAsync(TenantId tenant, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = Command(
            $"SELECT source, id, start_ms, usage_minor FROM ({UnchargedSql}) ORDER BY start_ms, source, id LIMIT $limit",
            ("$tenant", tenant.Value), ("$limit", limit));
        return await StoreRows.ListAsync(command, Rows.Uncharged, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<(long Count, long AmountMinorUnits)> SumUnchargedUsageAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command($"SELECT COUNT(*), COALESCE(SUM(usage_minor), 0) FROM ({UnchargedSql})", ("$tenant", tenant.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    // Rated items with an amount that no wallet operation 'usage:{source}:{id}' has charged yet.
    private const string UnchargedSql =
        """
        SELECT 'interaction' AS source, id, start_ms, usage_minor FROM interactions
        WHERE tenant_id = $tenant AND usage_minor > 0
          AND NOT EXISTS (SELECT 1 FROM wallet_operations o WHERE o.tenant_id = $tenant AND o.operation_id = 'usage:interaction:' || interactions.id)
        UNION ALL
        SELECT 'usage', id, start_ms, usage_minor FROM usage_records
        WHERE tenant_id = $tenant AND usage_minor > 0
          AND NOT EXISTS (SELECT 1 FROM wallet_operations o WHERE o.tenant_id = $tenant AND o.operation_id = 'usage:usage:' || usage_records.id)
        """;

    /// <inheritdoc />
    public async Task<string?> GetReservationWalletAsync(TenantId tenant, string reservation, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT wallet_id FROM wallet_reservations WHERE tenant_id = $tenant AND reservation_id = $id", ("$tenant", tenant.Value), ("$id", reservation));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <inheritdoc />
    public async Task<Currency?> GetWalletCurrencyAsync(TenantId tenant, string wallet, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT currency FROM wallets WHERE tenant_id = $tenant AND wallet_id = $wallet", ("$tenant", tenant.Value), ("$wallet", wallet));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string code ? Currency.FromCode(code) : null;
    }

    /// <inheritdoc />
    public async Task<WalletBalance?> GetWalletBalanceAsync(TenantId tenant, string wallet, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        var batch = new WalletBatch(this, tenant, transaction, now);
        var book = await batch.BookAsync(wallet, cancellationToken).ConfigureAwait(false);
        if (book is null)
            return null;
        book.Settle(now, "settle@" + now.ToString("O", CultureInfo.InvariantCulture));
        await batch.SaveAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return book.Balance;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LedgerEntry>?> GetWalletHistoryAsync(TenantId tenant, string wallet, CancellationToken cancellationToken = default)
    {
        await using var find = Command("SELECT currency FROM wallets WHERE tenant_id = $tenant AND wallet_id = $wallet", ("$tenant", tenant.Value), ("$wallet", wallet));
        if (await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string code)
            return null;
        var currency = Currency.FromCode(code);
        await using var command = Command(
            """
            SELECT sequence, operation_id, kind, from_account, to_account, amount_minor, at_ms, reference
            FROM wallet_entries WHERE tenant_id = $tenant AND wallet_id = $wallet ORDER BY sequence
            """,
            ("$tenant", tenant.Value), ("$wallet", wallet));
        return await StoreRows.ListAsync(command, r => Rows.Entry(r, wallet, currency), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LowBalanceEvent>> GetWalletEventsAsync(TenantId tenant, string wallet, CancellationToken cancellationToken = default)
    {
        await using var command = Command(
            """
            SELECT e.low, e.available_minor, e.threshold_minor, e.operation_id, e.at_ms, w.currency
            FROM wallet_events e JOIN wallets w ON w.tenant_id = e.tenant_id AND w.wallet_id = e.wallet_id
            WHERE e.tenant_id = $tenant AND e.wallet_id = $wallet ORDER BY e.event_id
            """,
            ("$tenant", tenant.Value), ("$wallet", wallet));
        return await StoreRows.ListAsync(command, r => Rows.Event(r, wallet), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WalletSummary>> ListWalletsAsync(TenantId tenant, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        // Settling writes (expired credit, released reservations), so this is a write transaction like a balance read.
        await using var transaction = connection.BeginTransaction(deferred: false);
        var ids = new List<string>();
        await using (var list = Command("SELECT wallet_id FROM wallets WHERE tenant_id = $tenant ORDER BY wallet_id", ("$tenant", tenant.Value)))
        {
            list.Transaction = transaction;
            await using var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                ids.Add(reader.GetString(0));
        }

        var batch = new WalletBatch(this, tenant, transaction, now);
        var summaries = await batch.SettleAsync(ids, cancellationToken).ConfigureAwait(false);

        await batch.SaveAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return summaries;
    }

    /// <inheritdoc />
    public async Task<(DateTimeOffset First, DateTimeOffset Last)?> GetInteractionSpanAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        await using var command = Command("SELECT MIN(start_ms), MAX(start_ms) FROM interactions WHERE tenant_id = $tenant", ("$tenant", tenant.Value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0)
            ? (InteractionContent.InstantFromMs(reader.GetInt64(0)), InteractionContent.InstantFromMs(reader.GetInt64(1)))
            : null;
    }

    /// <summary>The wallet batch on SQLite: every statement prepared once per connection, bound to the batch's transaction.</summary>
    private sealed class WalletBatch(SqliteStore store, TenantId tenant, SqliteTransaction transaction, DateTimeOffset now) : Storage.WalletBatch(now)
    {
        protected override async Task<WalletBook?> LoadBookAsync(string wallet, CancellationToken cancellationToken)
        {
            var command = Cmd(
                "SELECT currency, credit_limit_minor, low_balance_minor, debt_minor, is_low, next_sequence FROM wallets WHERE tenant_id = $tenant AND wallet_id = $wallet",
                ("$wallet", wallet));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                return null;
            var (currency, limit, low, debt, isLow, next) = (Currency.FromCode(reader.GetString(0)), reader.GetInt64(1),
                reader.IsDBNull(2) ? (long?)null : reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4) != 0, reader.GetInt64(5));

            var lots = new List<CreditLot>();
            var lotQuery = Cmd(
                "SELECT lot_id, expires_ms, remaining_minor, added_ms FROM wallet_lots WHERE tenant_id = $tenant AND wallet_id = $wallet", ("$wallet", wallet));
            await using (var lotReader = await lotQuery.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await lotReader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    lots.Add(new CreditLot(lotReader.GetString(0), lotReader.IsDBNull(1) ? null : InteractionContent.InstantFromMs(lotReader.GetInt64(1)),
                        lotReader.GetInt64(2), InteractionContent.InstantFromMs(lotReader.GetInt64(3))));
                }
            }

            var reservations = new List<Reservation>();
            var resQuery = Cmd(
                "SELECT reservation_id, amount_minor, expires_ms, allocations FROM wallet_reservations WHERE tenant_id = $tenant AND wallet_id = $wallet AND status = 'open'",
                ("$wallet", wallet));
            await using (var resReader = await resQuery.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await resReader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    reservations.Add(new Reservation(resReader.GetString(0), resReader.GetInt64(1),
                        InteractionContent.InstantFromMs(resReader.GetInt64(2)), WalletDocuments.ReadAllocations(resReader.GetString(3))));
                }
            }

            return new WalletBook(wallet, currency, limit, low, debt, isLow, next, lots, reservations);
        }

        protected override async Task SaveOperationAsync(string operationId, string request, WalletResult result, CancellationToken cancellationToken)
        {
            var insert = Cmd(
                "INSERT INTO wallet_operations (tenant_id, operation_id, wallet_id, kind, request, result, at_ms) VALUES ($tenant, $op, $wallet, $kind, $request, $result, $at)",
                ("$op", operationId), ("$wallet", (object?)result.Wallet ?? DBNull.Value), ("$kind", result.Kind), ("$request", request),
                ("$result", WalletDocuments.WriteResult(result)), ("$at", Ms(Now)));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        protected override async Task SaveBookAsync(WalletBook book, CancellationToken cancellationToken)
        {
            var w = ("$wallet", (object)book.Id);
            var upsert = Cmd(
                """
                INSERT INTO wallets (tenant_id, wallet_id, currency, credit_limit_minor, low_balance_minor, debt_minor, is_low, next_sequence, created_at)
                VALUES ($tenant, $wallet, $currency, $limit, $low, $debt, $isLow, $next, $now)
                ON CONFLICT (tenant_id, wallet_id) DO UPDATE SET debt_minor = excluded.debt_minor, is_low = excluded.is_low, next_sequence = excluded.next_sequence
                """,
                w, ("$currency", book.Currency.Code), ("$limit", book.CreditLimitMinor), ("$low", (object?)book.LowBalanceMinor ?? DBNull.Value),
                ("$debt", book.DebtMinor), ("$isLow", book.IsLow ? 1L : 0L), ("$next", book.NextSequence), ("$now", Now.ToString("O", CultureInfo.InvariantCulture)));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

            // A wallet has a handful of live lots: replacing them is simpler than tracking each change.
            var delete = Cmd("DELETE FROM wallet_lots WHERE tenant_id = $tenant AND wallet_id = $wallet", w);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            foreach (var lot in book.Lots)
            {
                var insert = Cmd(
                    "INSERT INTO wallet_lots (tenant_id, wallet_id, lot_id, expires_ms, remaining_minor, added_ms) VALUES ($tenant, $wallet, $lot, $expires, $remaining, $added)",
                    w, ("$lot", lot.Id), ("$expires", lot.ExpiresAt is { } e ? Ms(e) : DBNull.Value), ("$remaining", lot.RemainingMinor), ("$added", Ms(lot.AddedAt)));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var reservation in book.OpenedReservations)
            {
                var insert = Cmd(
                    """
                    INSERT INTO wallet_reservations (tenant_id, reservation_id, wallet_id, amount_minor, expires_ms, allocations, status)
                    VALUES ($tenant, $id, $wallet, $amount, $expires, $allocations, 'open')
                    """,
                    w, ("$id", reservation.Id), ("$amount", reservation.AmountMinor), ("$expires", Ms(reservation.ExpiresAt)),
                    ("$allocations", WalletDocuments.WriteAllocations(reservation.Allocations)));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var (id, end) in book.ClosedReservations)
            {
                var update = Cmd(
                    "UPDATE wallet_reservations SET status = $status WHERE tenant_id = $tenant AND reservation_id = $id",
                    ("$id", id), ("$status", end.ToString().ToLowerInvariant()));
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var entry in book.NewEntries)
            {
                var insert = Cmd(
                    """
                    INSERT INTO wallet_entries (tenant_id, wallet_id, sequence, operation_id, kind, from_account, to_account, amount_minor, at_ms, reference)
                    VALUES ($tenant, $wallet, $seq, $op, $kind, $from, $to, $amount, $at, $reference)
                    """,
                    w, ("$seq", entry.Sequence), ("$op", entry.OperationId), ("$kind", entry.Kind.ToString()), ("$from", entry.From.ToString()),
                    ("$to", entry.To.ToString()), ("$amount", entry.Amount.ToMinorUnits()), ("$at", Ms(entry.At)), ("$reference", (object?)entry.Reference ?? DBNull.Value));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var e in book.NewEvents)
            {
                var insert = Cmd(
                    """
                    INSERT INTO wallet_events (tenant_id, wallet_id, event_id, low, available_minor, threshold_minor, operation_id, at_ms)
                    VALUES ($tenant, $wallet, (SELECT COALESCE(MAX(event_id), 0) + 1 FROM wallet_events WHERE tenant_id = $tenant AND wallet_id = $wallet),
                            $low, $available, $threshold, $op, $at)
                    """,
                    w, ("$low", e.Low ? 1L : 0L), ("$available", e.Available.ToMinorUnits()), ("$threshold", e.Threshold.ToMinorUnits()),
                    ("$op", e.OperationId), ("$at", Ms(e.At)));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (e.Low)
                    await EnqueueWebhookAsync(book, e, cancellationToken).ConfigureAwait(false);
            }
        }

        // The outbox row of a crossing below the threshold, in the same transaction as the event,
        // when the tenant has a webhook; the event just inserted has the wallet's highest id.
        private async Task EnqueueWebhookAsync(WalletBook book, LowBalanceEvent e, CancellationToken cancellationToken)
        {
            var insert = Cmd(
                """
                INSERT INTO webhook_deliveries
                    (tenant_id, delivery_id, wallet_id, event_id, currency, available_minor, threshold_minor, occurred_ms, status, attempts, next_attempt_ms)
                SELECT $tenant, $delivery, $wallet, (SELECT MAX(event_id) FROM wallet_events WHERE tenant_id = $tenant AND wallet_id = $wallet),
                       $currency, $available, $threshold, $at, 'pending', 0, $at
                FROM webhooks WHERE tenant_id = $tenant
                """,
                ("$delivery", WebhookDelivery.NewId(e.At)), ("$wallet", book.Id), ("$currency", book.Currency.Code),
                ("$available", e.Available.ToMinorUnits()), ("$threshold", e.Threshold.ToMinorUnits()), ("$at", Ms(e.At)));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The stored results of the batch's operation ids, in one query rather than one per operation.</summary>
        public async Task LoadFirstResultsAsync(IEnumerable<string> operationIds, CancellationToken cancellationToken)
        {
            var command = Cmd(
                "SELECT operation_id, request, result FROM wallet_operations WHERE tenant_id = $tenant AND operation_id IN (SELECT value FROM json_each($ids))",
                ("$ids", JsonArray(operationIds)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                RememberStored(reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }

        protected override async Task<string?> FindReservationWalletAsync(string reservation, CancellationToken cancellationToken)
        {
            var command = Cmd("SELECT wallet_id FROM wallet_reservations WHERE tenant_id = $tenant AND reservation_id = $id", ("$id", reservation));
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }

        // A prepared statement of the store's, bound to this batch's transaction and tenant; the store owns it.
        private SqliteCommand Cmd(string sql, params (string Name, object Value)[] parameters) =>
            store.Statement(sql, transaction, [("$tenant", tenant.Value), .. parameters]);

        private static string JsonArray(IEnumerable<string> values)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
            {
                writer.WriteStartArray();
                foreach (var value in values)
                    writer.WriteStringValue(value);
                writer.WriteEndArray();
            }

            return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
    }
}
