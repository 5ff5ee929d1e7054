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
        var command = new Command("serve",
            "Serve the REST API (docs/api.md): health, the cost report, wallets, low-balance webhooks, tenants and API keys (kept hashed in the store). " +
            "Every /api request needs a key: Authorization: Bearer KEY.")
        {
            urls, database, postgres, adminKey,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var db = parse.GetValue(database)!;
            var connection = parse.GetValue(postgres);
            var admin = parse.GetValue(adminKey) ?? Environment.GetEnvironmentVariable("CCOST_ADMIN_KEY");
            var settings = new ServerSettings(parse.GetValue(urls)!, db, connection, string.IsNullOrEmpty(admin) ? null : admin);
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
