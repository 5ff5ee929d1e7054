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

        CREATE TABLE charge_lines (
            tenant_id         TEXT NOT NULL,
            interaction_id    TEXT NOT NULL,
            charge_id         TEXT NOT NULL,
            pricebook_version TEXT NOT NULL,
            meter             TEXT NOT NULL,
            raw_quantity      TEXT NOT NULL,
            billed_quantity   TEXT NOT NULL,
            unit_price        TEXT NOT NULL,
            per               TEXT NOT NULL,
            amount_minor      INTEGER NOT NULL,
            PRIMARY KEY (tenant_id, interaction_id, charge_id)
        ) STRICT;

        CREATE TABLE price_books (
            tenant_id TEXT NOT NULL,
            version   TEXT NOT NULL,
            document  TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, version)
        ) STRICT;

        CREATE TABLE cost_models (
            tenant_id TEXT NOT NULL,
            revision  INTEGER NOT NULL,
            document  TEXT NOT NULL,
            loaded_at TEXT NOT NULL,
            PRIMARY KEY (tenant_id, revision)
        ) STRICT;
        """,
    ];
}
