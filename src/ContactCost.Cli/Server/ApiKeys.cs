using System.Globalization;
using System.Security.Cryptography;
using ContactCost.Tenants;
using Microsoft.Data.Sqlite;

namespace ContactCost.Cli.Server;

/// <summary>
/// The server's tenants and their API keys, in a small SQLite file of their own (whatever store the
/// data is in). A key is 32 random bytes shown once; only its SHA-256 is kept.
/// </summary>
internal sealed class ApiKeys
{
    private readonly string connectionString;

    private ApiKeys(string connectionString) => this.connectionString = connectionString;

    /// <summary>Opens (creating it when absent) the key file at <paramref name="path"/>.</summary>
    public static async Task<ApiKeys> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var keys = new ApiKeys(new SqliteConnectionStringBuilder { DataSource = fullPath, Mode = SqliteOpenMode.ReadWriteCreate, DefaultTimeout = 30 }.ConnectionString);
        await using var connection = await keys.ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS tenants (tenant_id TEXT PRIMARY KEY, created_at TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS api_keys (
                key_hash BLOB PRIMARY KEY,
                tenant_id TEXT NOT NULL REFERENCES tenants (tenant_id),
                created_at TEXT NOT NULL) WITHOUT ROWID;
            """;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return keys;
    }

    /// <summary>The SHA-256 of a key's text.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key));

    /// <summary>Records a tenant; false when it exists already.</summary>
    public async Task<bool> AddTenantAsync(TenantId tenant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO tenants (tenant_id, created_at) VALUES ($tenant, $now) ON CONFLICT DO NOTHING";
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$now", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Issues a new key for a recorded tenant and returns its text (the only time it is seen); null when the tenant is unknown.</summary>
    public async Task<string?> IssueAsync(TenantId tenant, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = "cc_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO api_keys (key_hash, tenant_id, created_at)
            SELECT $hash, tenant_id, $now FROM tenants WHERE tenant_id = $tenant
            """;
        command.Parameters.AddWithValue("$hash", Hash(key));
        command.Parameters.AddWithValue("$tenant", tenant.Value);
        command.Parameters.AddWithValue("$now", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1 ? key : null;
    }

    /// <summary>The tenant a key belongs to, or null when no such key was issued.</summary>
    public async Task<TenantId?> FindTenantAsync(string key, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT tenant_id FROM api_keys WHERE key_hash = $hash";
        command.Parameters.AddWithValue("$hash", Hash(key));
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string id ? TenantId.Parse(id) : null;
    }

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
