namespace ContactCost.Storage.Sqlite;

/// <summary>
/// The schema as an ordered list of migrations. A store file records the versions it has applied;
/// opening it applies the missing ones, each in its own transaction. Never edit a shipped
/// migration: add a new one.
/// </summary>
internal static class SqliteSchema
{
    public static readonly string[] Migrations =
    [
        // 1: tenants, interactions, rating, documents. The tenant id leads every key.
        """
        CREATE TABLE tenants (
            tenant_id  TEXT NOT NULL PRIMARY KEY,
            time_zone  TEXT NOT NULL,
            updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE interactions (
            tenant_id     TEXT NOT NULL,
            id            TEXT NOT NULL,
            channel       TEXT NOT NULL,
            direction     TEXT NOT NULL,
            customer      TEXT,
            start_ms      INTEGER NOT NULL,
            end_ms        INTEGER,
            wait_ms       INTEGER NOT NULL,
            talk_ms       INTEGER NOT NULL,
            hold_ms       INTEGER NOT NULL,
            wrap_ms       INTEGER NOT NULL,
            queue         TEXT,
            agent         TEXT,
            units         INTEGER,
            destination   TEXT,
            resolved      INTEGER,
            extra         TEXT,
            handled       INTEGER NOT NULL,
            abandoned     INTEGER NOT NULL,
            content_hash  INTEGER NOT NULL,
            rated_version TEXT,
            usage_minor   INTEGER,
            PRIMARY KEY (tenant_id, id)
        ) STRICT;

        CREATE INDEX ix_interactions_start ON interactions (tenant_id, start_ms);
        CREATE INDEX ix_interactions_unrated ON interactions (tenant_id, start_ms, id) WHERE rated_version IS NULL;

        CREATE TABLE usage_records (
            tenant_id     TEXT NOT NULL,
            id            TEXT NOT NULL,
            meter         TEXT NOT NULL,
            quantity      TEXT NOT NULL,
            start_ms      INTEGER NOT NULL,
            channel       TEXT,
            direction     TEXT,
            queue         TEXT,
            destination   TEXT,
            extra         TEXT,
            content_hash  INTEGER NOT NULL,
            rated_version TEXT,
            usage_minor   INTEGER,
            PRIMARY KEY (tenant_id, id)
        ) STRICT;

        CREATE INDEX ix_usage_start ON usage_records (tenant_id, start_ms);
        CREATE INDEX ix_usage_unrated ON usage_records (tenant_id, start_ms, id) WHERE rated_version IS NULL;

        -- One row per priced line. source is 'interaction', 'usage' or 'month' (flat and one-time
        -- charges of a billing month, source_id '2026-10'); start_ms is the item's start, so a
        -- period's lines are one index range.
        CREATE TABLE charge_lines (
            tenant_id         TEXT NOT NULL,
            source            TEXT NOT NULL,
            source_id         TEXT NOT NULL,
            line_no           INTEGER NOT NULL,
            start_ms          INTEGER NOT NULL,
            charge_id         TEXT NOT NULL,
            pricebook_version TEXT NOT NULL,
            meter             TEXT,
            raw_quantity      TEXT NOT NULL,
            billed_quantity   TEXT NOT NULL,
            unit_price        TEXT NOT NULL,
            per               TEXT NOT NULL,
            amount_minor      INTEGER NOT NULL,
            exact_amount      TEXT NOT NULL,
            basis             TEXT,
            PRIMARY KEY (tenant_id, source, source_id, line_no)
        ) STRICT;

        CREATE INDEX ix_charge_lines_start ON charge_lines (tenant_id, start_ms);

        CREATE TABLE price_books (
            tenant_id TEXT NOT NULL,
            version   TEXT NOT NULL,
            document  TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, version)
        ) STRICT;

        -- Issued invoices and adjustments: numbers are per tenant and never reused; one invoice per
        -- billing month, any number of adjustments after it. The document keeps the lines as issued.
        CREATE TABLE invoices (
            tenant_id TEXT NOT NULL,
            number    TEXT NOT NULL,
            kind      TEXT NOT NULL,
            period    TEXT NOT NULL,
            issued_at TEXT NOT NULL,
            document  TEXT NOT NULL,
            PRIMARY KEY (tenant_id, number)
        ) STRICT;

        CREATE UNIQUE INDEX ix_invoices_one_per_period ON invoices (tenant_id, period) WHERE kind = 'invoice';

        CREATE TABLE cost_models (
            tenant_id TEXT NOT NULL,
            revision  INTEGER NOT NULL,
            document  TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, revision)
        ) STRICT;
        """,

        // 2: prepaid wallets: live state (wallet, lots, open reservations), the append-only ledger,
        // low-balance events, and every accepted operation's result under its caller's id.
        """
        CREATE TABLE wallets (
            tenant_id          TEXT NOT NULL,
            wallet_id          TEXT NOT NULL,
            currency           TEXT NOT NULL,
            credit_limit_minor INTEGER NOT NULL,
            low_balance_minor  INTEGER,
            debt_minor         INTEGER NOT NULL,
            is_low             INTEGER NOT NULL,
            next_sequence      INTEGER NOT NULL,
            created_at         TEXT NOT NULL,
            PRIMARY KEY (tenant_id, wallet_id)
        ) STRICT;

        CREATE TABLE wallet_lots (
            tenant_id       TEXT NOT NULL,
            wallet_id       TEXT NOT NULL,
            lot_id          TEXT NOT NULL,
            expires_ms      INTEGER,
            remaining_minor INTEGER NOT NULL,
            added_ms        INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, wallet_id, lot_id)
        ) STRICT;

        CREATE TABLE wallet_reservations (
            tenant_id      TEXT NOT NULL,
            reservation_id TEXT NOT NULL,
            wallet_id      TEXT NOT NULL,
            amount_minor   INTEGER NOT NULL,
            expires_ms     INTEGER NOT NULL,
            allocations    TEXT NOT NULL,
            status         TEXT NOT NULL,
            PRIMARY KEY (tenant_id, reservation_id)
        ) STRICT;

        CREATE INDEX ix_wallet_reservations_open ON wallet_reservations (tenant_id, wallet_id) WHERE status = 'open';

        CREATE TABLE wallet_entries (
            tenant_id    TEXT NOT NULL,
            wallet_id    TEXT NOT NULL,
            sequence     INTEGER NOT NULL,
            operation_id TEXT NOT NULL,
            kind         TEXT NOT NULL,
            from_account TEXT NOT NULL,
            to_account   TEXT NOT NULL,
            amount_minor INTEGER NOT NULL,
            at_ms        INTEGER NOT NULL,
            reference    TEXT,
            PRIMARY KEY (tenant_id, wallet_id, sequence)
        ) STRICT;

        CREATE TABLE wallet_events (
            tenant_id       TEXT NOT NULL,
            wallet_id       TEXT NOT NULL,
            event_id        INTEGER NOT NULL,
            low             INTEGER NOT NULL,
            available_minor INTEGER NOT NULL,
            threshold_minor INTEGER NOT NULL,
            operation_id    TEXT NOT NULL,
            at_ms           INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, wallet_id, event_id)
        ) STRICT;

        CREATE TABLE wallet_operations (
            tenant_id    TEXT NOT NULL,
            operation_id TEXT NOT NULL,
            wallet_id    TEXT,
            kind         TEXT NOT NULL,
            request      TEXT NOT NULL,
            result       TEXT NOT NULL,
            at_ms        INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, operation_id)
        ) STRICT;
        """,

        // 3: the server's API keys (SHA-256 only; looked up by hash, across tenants), each tenant's
        // webhook, and the outbox of low-balance deliveries with every attempt.
        """
        CREATE TABLE api_keys (
            key_hash   BLOB NOT NULL PRIMARY KEY,
            tenant_id  TEXT NOT NULL,
            created_at TEXT NOT NULL
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE webhooks (
            tenant_id  TEXT NOT NULL PRIMARY KEY,
            url        TEXT NOT NULL,
            secret     TEXT,
            updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE webhook_deliveries (
            tenant_id       TEXT NOT NULL,
            delivery_id     TEXT NOT NULL,
            wallet_id       TEXT NOT NULL,
            event_id        INTEGER NOT NULL,
            currency        TEXT NOT NULL,
            available_minor INTEGER NOT NULL,
            threshold_minor INTEGER NOT NULL,
            occurred_ms     INTEGER NOT NULL,
            status          TEXT NOT NULL,
            attempts        INTEGER NOT NULL,
            next_attempt_ms INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, delivery_id)
        ) STRICT;

        CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (tenant_id, next_attempt_ms) WHERE status = 'pending';

        CREATE TABLE webhook_attempts (
            tenant_id    TEXT NOT NULL,
            delivery_id  TEXT NOT NULL,
            attempt      INTEGER NOT NULL,
            attempted_ms INTEGER NOT NULL,
            http_status  INTEGER,
            error        TEXT,
            PRIMARY KEY (tenant_id, delivery_id, attempt)
        ) STRICT;
        """,

        // 4: each tenant's rating basis (see RatingBasis): bumped by a price book saved or a zone moved, checked by
        // every save of ratings. No row reads as basis 0.
        """
        CREATE TABLE rating_bases (
            tenant_id TEXT NOT NULL PRIMARY KEY,
            basis     INTEGER NOT NULL
        ) STRICT;
        """,
    ];
}
