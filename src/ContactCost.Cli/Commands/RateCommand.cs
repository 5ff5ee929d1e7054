using System.CommandLine;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost rate</c>: prices stored interactions that are not rated yet.</summary>
internal static class RateCommand
{
    public sealed record Json(long Rated, long Lines, long WithoutPriceBook, decimal Amount, string Currency);

    public static Command Create(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var command = new Command("rate",
            "Rate stored interactions that are not rated yet, each with the price-book version in force on its start day. " +
            "Running it again charges nothing twice.")
        {
            database, tenant, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(tenant);
            var summary = await terminal.WithProgressAsync("Rating", null,
                progress => StoreRating.RateAsync(store, tenantId, progress, cancellationToken)).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                terminal.WriteJson(new Json(summary.Rated, summary.Lines, summary.WithoutPriceBook, summary.Amount.Amount, summary.Amount.Currency.Code));
            }
            else
            {
                terminal.Out.WriteLine($"Rated {summary.Rated:N0} interactions: {summary.Lines:N0} charge lines, {summary.Amount}.");
                if (summary.WithoutPriceBook > 0)
                    terminal.Out.WriteLine($"{summary.WithoutPriceBook:N0} interactions start before the first price-book version took effect and stay unrated.");
            }

            return ExitCode.Ok;
        });
        return command;
    }
}
