using System.CommandLine;
using System.Globalization;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Rating;
using ContactCost.Storage;
using ContactCost.Tenants;
using ContactCost.Wallets;
using Spectre.Console;

namespace ContactCost.Cli.Commands;

/// <summary>
/// <c>ccost wallet</c>: prepaid credit, charged as usage happens. Every change names an operation
/// id; running the same command again returns the first result and changes nothing.
/// </summary>
internal static class WalletCommand
{
    /// <summary>The JSON of one operation's result.</summary>
    public sealed record ResultJson(
        string OperationId, string Kind, string Status, string? Reason, string? Wallet, string? Reservation,
        decimal? Available, decimal? Reserved, decimal? Balance, decimal? CreditLimit, string? Currency, bool Replayed, decimal? MaxQuantity)
    {
        /// <summary>The JSON of <paramref name="result"/>, with the quantity the credit covers when a metered authorization was denied.</summary>
        public static ResultJson Of(WalletResult result, decimal? maxQuantity)
        {
            var b = result.Balance;
            return new ResultJson(result.OperationId, result.Kind, result.Status.ToString().ToLowerInvariant(), result.Reason, result.Wallet, result.Reservation,
                b?.Available.Amount, b?.Reserved.Amount, b?.Balance.Amount, b?.CreditLimit.Amount, b?.Balance.Currency.Code, result.Replayed, maxQuantity);
        }
    }

    /// <summary>The JSON of a wallet's figures.</summary>
    public sealed record BalanceJson(string Wallet, decimal Available, decimal Reserved, decimal Balance, decimal CreditLimit, string Currency)
    {
        /// <summary>The JSON of <paramref name="wallet"/>'s figures.</summary>
        public static BalanceJson Of(string wallet, WalletBalance balance) =>
            new(wallet, balance.Available.Amount, balance.Reserved.Amount, balance.Balance.Amount, balance.CreditLimit.Amount, balance.Balance.Currency.Code);
    }

    /// <summary>The JSON of one ledger entry.</summary>
    public sealed record EntryJson(long Sequence, DateTimeOffset At, string OperationId, string Kind, string From, string To, decimal Amount, decimal BalanceAfter, string? Reference);

    public static Command Create(Terminal terminal)
    {
        var command = new Command("wallet",
            "Prepaid wallets: credit bought in advance and debited as usage happens, like a prepaid phone. Every change takes --op ID: " +
            "repeating it (after a timeout or a crash) returns the first result and changes nothing.");
        command.Subcommands.Add(CreateWallet(terminal));
        command.Subcommands.Add(TopUp(terminal));
        command.Subcommands.Add(Authorize(terminal));
        command.Subcommands.Add(Commit(terminal));
        command.Subcommands.Add(Release(terminal));
        command.Subcommands.Add(Charge(terminal));
        command.Subcommands.Add(Balance(terminal));
        command.Subcommands.Add(History(terminal));
        command.Subcommands.Add(Events(terminal));
        command.Subcommands.Add(Settle(terminal));
        command.Subcommands.Add(WalletBenchCommand.Create(terminal));
        return command;
    }

    private static Command CreateWallet(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var id = new Option<string>("--id") { Description = "The new wallet's id.", Required = true, HelpName = "WALLET" };
        var currency = new Option<string>("--currency") { Description = "ISO 4217 currency of everything the wallet holds.", Required = true, HelpName = "CODE" };
        var creditLimit = new Option<decimal>("--credit-limit") { Description = "How far below zero available credit may go. Default: 0 (strictly prepaid).", HelpName = "AMOUNT" };
        var lowBalance = new Option<decimal?>("--low-balance") { Description = "Record an event when available credit falls below this.", HelpName = "AMOUNT" };
        var op = Operation(required: false);
        var command = new Command("create", "Open a wallet.") { id, currency, creditLimit, lowBalance, op, database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var code = parse.GetValue(currency)!;
            if (!ContactCost.Currency.TryFromCode(code, out var c))
                throw new CommandFailedException($"Unknown currency code '{code}'. Use an ISO 4217 code such as USD, EUR or GBP.");
            var wallet = parse.GetValue(id)!;
            var low = parse.GetValue(lowBalance);
            var operation = new Wallets.CreateWallet(parse.GetValue(op) ?? "create:" + wallet, wallet, c, new Money(parse.GetValue(creditLimit), c), low is { } l ? new Money(l, c) : null);
            return await ExecuteAsync(terminal, parse, database, tenant, json, _ => Task.FromResult<WalletOperation>(operation), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    private static Command TopUp(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var (wallet, amount, op) = (WalletArgument(), AmountArgument(), Operation());
        var expires = new Option<string?>("--expires")
        {
            Description = "When what is left of this credit expires: a day (yyyy-MM-dd, the end of that day in the tenant's time zone) or an ISO 8601 time with offset.",
            HelpName = "WHEN",
        };
        var command = new Command("topup", "Add credit. Credit that expires is spent first, earliest expiry first.") { wallet, amount, op, expires, database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
            await ExecuteAsync(terminal, parse, database, tenant, json, async store =>
            {
                var w = parse.GetValue(wallet)!;
                var money = await WalletRequests.AmountAsync(store, parse.GetValue(tenant), w, null, parse.GetValue(amount), cancellationToken).ConfigureAwait(false);
                DateTimeOffset? expiry = parse.GetValue(expires) is { } text ? await ExpiryAsync(store, parse.GetValue(tenant), text, cancellationToken).ConfigureAwait(false) : null;
                return new Wallets.TopUp(parse.GetValue(op)!, w, money, expiry);
            }, cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static Command Authorize(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var (wallet, op) = (WalletArgument(), Operation());
        var amount = new Option<decimal?>("--amount") { Description = "The credit to reserve.", HelpName = "AMOUNT" };
        var meter = new Option<string?>("--meter") { Description = $"Reserve the price of a quantity of this meter instead ({Meters.AllNames}).", HelpName = "METER" };
        var quantity = new Option<decimal?>("--quantity") { Description = "With --meter: how much (e.g. 600 voice.seconds).", HelpName = "QUANTITY" };
        var direction = new Option<string?>("--direction") { Description = "With --meter: inbound or outbound, for charges filtered by direction.", HelpName = "DIRECTION" };
        var destination = new Option<string?>("--destination") { Description = "With --meter: the number called, for destination prices.", HelpName = "NUMBER" };
        var ttl = new Option<TimeSpan>("--ttl")
        {
            Description = "How long the reservation holds before it releases by itself: 300s, 5m, 1h. Default: 300s",
            DefaultValueFactory = _ => TimeSpan.FromMinutes(5),
            CustomParser = r => CommonOptions.TryParseDuration(r.Tokens.Single().Value, out var d) ? d : CommonOptions.Fail<TimeSpan>(r, $"'{r.Tokens.Single().Value}' is not a duration: write 300s, 5m or 1h."),
            HelpName = "DURATION",
        };
        var command = new Command("authorize",
            "Reserve credit before usage happens (a call starting). Prints the reservation id (the operation id); commit the actual usage, or release it. " +
            "With --meter, a denial says how much of the meter the credit covers.")
        {
            wallet, amount, meter, quantity, direction, destination, op, ttl, database, tenant, json,
        };
        command.Validators.Add(r =>
        {
            var byAmount = r.GetValue(amount) is not null;
            var byMeter = r.GetValue(meter) is not null || r.GetValue(quantity) is not null;
            if (byAmount == byMeter)
                r.AddError("Give either --amount X, or --meter M with --quantity Q.");
            else if (byMeter && (r.GetValue(meter) is null || r.GetValue(quantity) is not > 0m))
                r.AddError("--meter and --quantity go together, with a quantity greater than 0.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            Func<decimal, Money>? priceOf = null;
            decimal? asked = null;
            var exit = await ExecuteAsync(terminal, parse, database, tenant, json, async store =>
            {
                var w = parse.GetValue(wallet)!;
                var tenantId = parse.GetValue(tenant);
                Money money;
                if (parse.GetValue(amount) is { } a)
                {
                    money = await WalletRequests.AmountAsync(store, tenantId, w, null, a, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    var meterName = parse.GetValue(meter)!;
                    var m = Meters.TryParse(meterName, out var parsed) ? parsed : throw new CommandFailedException($"Unknown meter '{meterName}'; accepted: {Meters.AllNames}.");
                    var d = parse.GetValue(direction) is { } text
                        ? DirectionNames.TryParse(text, out var dir) ? dir : throw new CommandFailedException($"'{text}' is not a direction: inbound or outbound.")
                        : (Direction?)null;
                    asked = parse.GetValue(quantity);
                    (money, priceOf) = await WalletRequests.PriceAsync(store, tenantId, m, asked!.Value, d, parse.GetValue(destination), terminal.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }

                return new Wallets.Authorize(parse.GetValue(op)!, w, money, parse.GetValue(ttl));
            }, cancellationToken, (result) =>
                // How long may this call last? The answer prepaid systems forget to give.
                result.Status == WalletStatus.Denied && priceOf is not null && result.Balance is { } b
                    ? WalletRequests.AffordableQuantity(priceOf, b.Available + b.CreditLimit, asked!.Value)
                    : null).ConfigureAwait(false);
            return exit;
        });
        return command;
    }

    private static Command Commit(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var (reservation, op) = (ReservationArgument(), Operation());
        var amount = new Option<decimal>("--amount") { Description = "The actual usage to debit (at most the reserved amount).", Required = true, HelpName = "AMOUNT" };
        var command = new Command("commit", "Debit a reservation's actual usage and release the rest.") { reservation, amount, op, database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
            await ExecuteAsync(terminal, parse, database, tenant, json, async store =>
            {
                var r = parse.GetValue(reservation)!;
                var money = await WalletRequests.AmountAsync(store, parse.GetValue(tenant), null, r, parse.GetValue(amount), cancellationToken).ConfigureAwait(false);
                return new Wallets.Commit(parse.GetValue(op)!, r, money);
            }, cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static Command Release(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var (reservation, op) = (ReservationArgument(), Operation());
        var command = new Command("release", "Give a reservation's credit back unused.") { reservation, op, database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
            await ExecuteAsync(terminal, parse, database, tenant, json,
                _ => Task.FromResult<WalletOperation>(new Wallets.Release(parse.GetValue(op)!, parse.GetValue(reservation)!)), cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static Command Charge(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var (wallet, amount, op) = (WalletArgument(), AmountArgument(), Operation());
        var command = new Command("charge", "Debit usage priced as an event (an SMS, a chat session) at once.") { wallet, amount, op, database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
            await ExecuteAsync(terminal, parse, database, tenant, json, async store =>
            {
                var w = parse.GetValue(wallet)!;
                var money = await WalletRequests.AmountAsync(store, parse.GetValue(tenant), w, null, parse.GetValue(amount), cancellationToken).ConfigureAwait(false);
                return new Wallets.WalletCharge(parse.GetValue(op)!, w, money);
            }, cancellationToken).ConfigureAwait(false));
        return command;
    }

    private static Command Balance(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var wallet = WalletArgument();
        var command = new Command("balance", "Show available, reserved and total credit (expired reservations and credit settled first).") { wallet, database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var w = parse.GetValue(wallet)!;
            var balance = await store.GetWalletBalanceAsync(parse.GetValue(tenant), w, terminal.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false)
                ?? throw new CommandFailedException($"There is no wallet '{w}'.");
            if (parse.GetValue(json))
                terminal.WriteJson(BalanceJson.Of(w, balance));
            else
                terminal.Out.WriteLine($"Wallet {w}: available {balance.Available}, reserved {balance.Reserved}, balance {balance.Balance} (credit limit {balance.CreditLimit}).");
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command History(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var wallet = WalletArgument();
        var command = new Command("history", "Show the wallet's ledger: every movement of money, with the balance after it.") { wallet, database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var w = parse.GetValue(wallet)!;
            var entries = await store.GetWalletHistoryAsync(parse.GetValue(tenant), w, cancellationToken).ConfigureAwait(false)
                ?? throw new CommandFailedException($"There is no wallet '{w}'.");
            var running = 0m;
            var rows = entries.Select(e =>
            {
                running += e.BalanceChange.Amount;
                return new EntryJson(e.Sequence, e.At, e.OperationId, Kebab(e.Kind.ToString()), e.From.ToString().ToLowerInvariant(), e.To.ToString().ToLowerInvariant(), e.Amount.Amount, running, e.Reference);
            }).ToArray();
            if (parse.GetValue(json))
            {
                terminal.WriteJson(rows);
                return ExitCode.Ok;
            }

            var table = new Table().Border(TableBorder.Rounded).Title($"Wallet {Markup.Escape(w)}")
                .AddColumn("#").AddColumn("When (UTC)").AddColumn("Operation").AddColumn("Kind").AddColumn("From > to")
                .AddColumn(new TableColumn("Amount").RightAligned()).AddColumn(new TableColumn("Balance").RightAligned());
            foreach (var r in rows)
            {
                table.AddRow(r.Sequence.ToString(CultureInfo.InvariantCulture), r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    Markup.Escape(r.OperationId), r.Kind, $"{r.From} > {r.To}", r.Amount.ToString("N2", CultureInfo.InvariantCulture), r.BalanceAfter.ToString("N2", CultureInfo.InvariantCulture));
            }

            terminal.Console.Write(table);
            return ExitCode.Ok;
        });
        return command;
    }

    private static Command Events(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var wallet = WalletArgument();
        var command = new Command("events", "Show when the wallet crossed its low-balance threshold, both ways.") { wallet, database, tenant, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var events = await store.GetWalletEventsAsync(parse.GetValue(tenant), parse.GetValue(wallet)!, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                terminal.WriteJson(events.Select(e => new { e.Wallet, e.Low, Available = e.Available.Amount, Threshold = e.Threshold.Amount, e.OperationId, e.At }).ToArray());
                return ExitCode.Ok;
            }

            foreach (var e in events)
                terminal.Out.WriteLine($"{e.At:O} {(e.Low ? "below" : "back above")} {e.Threshold}: available {e.Available} after {e.OperationId}");
            return ExitCode.Ok;
        });
        return command;
    }

    /// <summary>The JSON of a settlement.</summary>
    public sealed record SettleJson(string Wallet, long Charged, decimal ChargedAmount, long Pending, decimal PendingAmount, string? Reason, decimal Available, string Currency);

    private static Command Settle(Terminal terminal)
    {
        var (database, tenant, json) = (CommonOptions.Database(), CommonOptions.Tenant(), CommonOptions.Json());
        var wallet = WalletArgument();
        var command = new Command("settle",
            "Charge rated usage to the wallet: every rated interaction and usage record not charged yet, oldest first. " +
            "Safe to run again: each item is charged once. Stops when the credit runs out (exit 1) and says what is still owed.")
        {
            wallet, database, tenant, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var (exit, settled) = await SettleAndReportAsync(terminal, store, parse.GetValue(tenant), parse.GetValue(wallet)!, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
                terminal.WriteJson(settled);
            return exit;
        });
        return command;
    }

    /// <summary>
    /// Charges rated usage to <paramref name="wallet"/>; says it on a terminal unless JSON is wanted (the caller writes
    /// the returned figures then). Exit 1 when credit ran out before the end.
    /// </summary>
    public static async Task<(int Exit, SettleJson Settled)> SettleAndReportAsync(Terminal terminal, IStore store, TenantId tenant, string wallet, bool json, CancellationToken cancellationToken)
    {
        var now = terminal.Clock.GetUtcNow();
        var summary = await WalletSettlement.SettleAsync(store, tenant, wallet, now, cancellationToken).ConfigureAwait(false);
        var balance = (await store.GetWalletBalanceAsync(tenant, wallet, now, cancellationToken).ConfigureAwait(false))!;
        var settled = new SettleJson(wallet, summary.Charged, summary.ChargedAmount.Amount, summary.Pending, summary.PendingAmount.Amount,
            summary.Denial?.Reason, balance.Available.Amount, balance.Available.Currency.Code);
        if (!json)
            terminal.Out.WriteLine($"Charged {summary.Charged:N0} rated items, {summary.ChargedAmount}, to wallet {wallet}: available {balance.Available}.");

        if (summary.Denial is null)
            return (ExitCode.Ok, settled);
        terminal.Note($"ccost: {summary.Pending:N0} rated items ({summary.PendingAmount}) are not charged yet: {summary.Denial.Reason} Top up, then run settle again.");
        return (ExitCode.Failure, settled);
    }

    // Runs one operation and reports it; a denied or invalid operation exits 1 with its reason.
    private static async Task<int> ExecuteAsync(
        Terminal terminal,
        ParseResult parse,
        Option<string> database,
        Option<TenantId> tenant,
        Option<bool> json,
        Func<IStore, Task<WalletOperation>> operation,
        CancellationToken cancellationToken,
        Func<WalletResult, decimal?>? maxQuantity = null)
    {
        await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
        var request = await operation(store).ConfigureAwait(false);
        var result = (await store.ExecuteWalletOperationsAsync(parse.GetValue(tenant), [request], terminal.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))[0];
        var max = maxQuantity?.Invoke(result);
        var b = result.Balance;
        if (parse.GetValue(json))
        {
            terminal.WriteJson(ResultJson.Of(result, max));
        }
        else if (result.Status == WalletStatus.Accepted)
        {
            var again = result.Replayed ? " (already done by an earlier run with this --op: nothing changed)" : "";
            var reservation = result.Kind == "authorize" ? $" Reservation: {result.Reservation}." : "";
            terminal.Out.WriteLine($"{Capitalized(result.Kind)} {result.OperationId} accepted{again}.{reservation} Wallet {result.Wallet}: available {b!.Available}, reserved {b.Reserved}, balance {b.Balance}.");
        }

        if (result.Status == WalletStatus.Accepted)
            return ExitCode.Ok;
        var affordable = max is { } q ? $" The credit covers at most {q.ToString(CultureInfo.InvariantCulture)} of the meter." : "";
        terminal.Note($"ccost: {result.Kind} {result.OperationId} {(result.Status == WalletStatus.Denied ? "denied" : "refused")}: {result.Reason}{affordable}");
        return ExitCode.Failure;
    }

    // A day means the end of that day in the tenant's zone; a time must carry its offset.
    private static async Task<DateTimeOffset> ExpiryAsync(IStore store, TenantId tenant, string text, CancellationToken cancellationToken)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            var zone = (await TenantSettingsLookup.GetAsync(store, tenant, cancellationToken).ConfigureAwait(false)).TimeZone;
            return ReportingPeriod.StartOfDayUtc(day.AddDays(1), zone);
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant) && text.Length > 10 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            ? instant
            : throw new CommandFailedException($"'{text}' is not an expiry: write a day (2026-12-31) or a time with its offset (2026-12-31T18:00:00-05:00).");
    }

    private static Argument<string> WalletArgument() => new("WALLET") { Description = "The wallet's id." };

    private static Argument<string> ReservationArgument() => new("RESERVATION") { Description = "The reservation's id (the authorize operation's --op)." };

    private static Argument<decimal> AmountArgument() => new("AMOUNT") { Description = "The amount, in the wallet's currency (e.g. 10.00)." };

    private static Option<string> Operation(bool required = true) => new("--op")
    {
        Description = "Your id for this operation (unique per tenant): repeating it returns the first result and changes nothing.",
        Required = required,
        HelpName = "ID",
    };

    private static string Capitalized(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static string Kebab(string name) => string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
