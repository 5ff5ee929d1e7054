using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost serve</c>: the REST API over the store (docs/api.md), until Ctrl+C.</summary>
internal static class ServeCommand
{
    public static Command Create(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen. Default: http://127.0.0.1:5080",
            DefaultValueFactory = _ => "http://127.0.0.1:5080",
            HelpName = "URLS",
        };
        var postgres = new Option<string?>("--postgres") { Description = "Keep the data, tenants, API keys and webhooks in PostgreSQL (a connection string) instead of the --db file.", HelpName = "CONNSTR" };
        var adminKey = new Option<string?>("--admin-key")
        {
            Description = "The key that may create tenants and their keys. Default: the CCOST_ADMIN_KEY environment variable; without either, no admin endpoints.",
            HelpName = "KEY",
        };
        var maxBody = new Option<long>("--max-body")
        {
            Description = "The largest request body in bytes, except ingest and import. Default: 1048576 (1 MiB)",
            DefaultValueFactory = _ => 1024 * 1024,
            HelpName = "BYTES",
        };
        var maxUpload = new Option<long>("--max-upload")
        {
            Description = "The largest CSV or file body of POST /api/interactions, /api/usage and /api/import in bytes (spooled to a temporary file; JSON batches keep --max-body). Default: 536870912 (512 MiB)",
            DefaultValueFactory = _ => 512L * 1024 * 1024,
            HelpName = "BYTES",
        };
        maxBody.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1024) r.AddError("--max-body must be at least 1024 bytes."); });
        maxUpload.Validators.Add(r => { if (r.GetValueOrDefault<long>() < 1024) r.AddError("--max-upload must be at least 1024 bytes."); });
        var command = new Command("serve",
            "Serve the REST API (docs/api.md): health, the cost report, wallets, low-balance webhooks, tenants and API keys (kept hashed in the store). " +
            "Every /api request needs a key: Authorization: Bearer KEY.")
        {
            urls, database, postgres, adminKey, maxBody, maxUpload,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var db = parse.GetValue(database)!;
            var connection = parse.GetValue(postgres);
            var admin = parse.GetValue(adminKey) ?? Environment.GetEnvironmentVariable("CCOST_ADMIN_KEY");
            var settings = new ServerSettings(
                parse.GetValue(urls)!, db, connection, string.IsNullOrEmpty(admin) ? null : admin, parse.GetValue(maxBody), parse.GetValue(maxUpload));
            await using var app = await ApiServer.BuildAsync(settings, terminal.Clock, cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            terminal.Note($"Serving the API on {string.Join(", ", addresses)} ({(connection is null ? db : "PostgreSQL")}). Ctrl+C stops.");
            // Ctrl+C (the command's token) or SIGTERM (the host's lifetime) stops it cleanly.
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return ExitCode.Ok;
        });
        return command;
    }
}
