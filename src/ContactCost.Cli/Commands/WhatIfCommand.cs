using System.CommandLine;
using System.Globalization;
using ContactCost.Cli.Output;
using ContactCost.Cli.Workflows;
using ContactCost.Costing;
using ContactCost.Formats.Planning;
using ContactCost.Interactions;
using ContactCost.Periods;
using ContactCost.Planning;
using ContactCost.Rating;
using static ContactCost.Cli.Commands.PlanningOutput;

namespace ContactCost.Cli.Commands;

/// <summary><c>ccost whatif</c>: a stored period's real cost next to what it would have cost with deflection, shorter handle times or callbacks.</summary>
internal static class WhatIfCommand
{
    /// <summary>The JSON of a what-if comparison.</summary>
    public sealed record Json(string Scenario, string Period, string Currency, string Labour, string AgentsMethod, SideJson Current, SideJson WhatIf,
        decimal Difference, IReadOnlyList<ChannelJson> Channels);

    /// <summary>Totals of one side.</summary>
    public sealed record SideJson(long Contacts, long Handled, long Abandoned, decimal TotalCost, decimal CostPerContact, decimal AgentsNeeded);

    /// <summary>One channel, both sides.</summary>
    public sealed record ChannelJson(string Channel, ChannelSideJson Current, ChannelSideJson WhatIf);

    /// <summary>One channel on one side.</summary>
    public sealed record ChannelSideJson(long Contacts, long Handled, long Abandoned, decimal AverageHandleSeconds, decimal Cost, decimal CostPerContact, decimal? AgentsNeeded);

    public static Command Create(Terminal terminal)
    {
        var database = CommonOptions.Database();
        var tenant = CommonOptions.Tenant();
        var json = CommonOptions.Json();
        var period = new Option<ReportingPeriod>("--period")
        {
            Description = "The period of stored data to replay: a month (2026-10), ISO week, day or quarter, in the tenant's time zone.",
            Required = true,
            CustomParser = CommonOptions.ParsePeriod,
            HelpName = "PERIOD",
        };
        var scenario = new Option<FileInfo?>("--scenario") { Description = "A what-if scenario file (JSON, see docs/planning.md).", HelpName = "FILE" };
        var deflect = new Option<string[]>("--deflect")
        {
            Description = "Move a share of one channel's contacts to another: FROM:TO:SHARE, e.g. voice:selfservice:0.15. Repeatable.",
            HelpName = "FROM:TO:SHARE",
            AllowMultipleArgumentsPerToken = false,
        };
        var aht = new Option<string[]>("--aht") { Description = "Scale a channel's handle time: CHANNEL:FACTOR, e.g. voice:0.9 (10% shorter). Repeatable.", HelpName = "CHANNEL:FACTOR" };
        var callbacks = new Option<string[]>("--callbacks") { Description = "Call back a share of abandoned contacts: SHARE (voice) or CHANNEL:SHARE, e.g. 0.5. Repeatable.", HelpName = "SHARE" };
        var labour = new Option<string?>("--labour") { Description = "follows-workload (default: agent headcount scales with workload) or fixed.", HelpName = "RULE" };
        labour.AcceptOnlyFromAmong("follows-workload", "fixed");
        var command = new Command("whatif",
            "Replay a stored period with changes (deflect contacts to another channel, scale handle time, call back abandoned contacts) " +
            "and show contacts, cost per contact, total cost and agents needed now and with the changes, side by side.")
        {
            period, scenario, deflect, aht, callbacks, labour, database, tenant, json,
        };
        command.Validators.Add(r =>
        {
            foreach (var text in r.GetValue(deflect) ?? [])
                if (ParseDeflection(text) is null)
                    r.AddError($"--deflect '{text}' is not FROM:TO:SHARE with two different channels and a share above 0 up to 1, e.g. voice:selfservice:0.15.");
            foreach (var text in r.GetValue(aht) ?? [])
                if (ParseHandleTime(text) is null)
                    r.AddError($"--aht '{text}' is not CHANNEL:FACTOR with a factor above 0 up to 10, e.g. voice:0.9.");
            foreach (var text in r.GetValue(callbacks) ?? [])
                if (ParseCallback(text) is null)
                    r.AddError($"--callbacks '{text}' is not SHARE or CHANNEL:SHARE with a share above 0 up to 1, e.g. 0.5 or voice:0.5.");
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var fromFile = parse.GetValue(scenario) is { } file ? WhatIfScenarioJson.ReadFile(file.FullName) : null;
            var rule = parse.GetValue(labour) switch
            {
                "fixed" => LabourRule.Fixed,
                "follows-workload" => LabourRule.FollowsWorkload,
                _ => fromFile?.Labour ?? LabourRule.FollowsWorkload,
            };
            var changes = new WhatIfScenario(
                fromFile?.Name ?? "what-if",
                [.. fromFile?.Deflections ?? [], .. (parse.GetValue(deflect) ?? []).Select(t => ParseDeflection(t)!)],
                [.. fromFile?.HandleTimes ?? [], .. (parse.GetValue(aht) ?? []).Select(t => ParseHandleTime(t)!)],
                [.. fromFile?.Callbacks ?? [], .. (parse.GetValue(callbacks) ?? []).Select(t => ParseCallback(t)!)],
                rule);
            if (changes.IsEmpty)
                throw new CommandFailedException("Nothing to try: give a --scenario file or --deflect, --aht or --callbacks.");

            await using var store = await CommonOptions.OpenStoreAsync(parse, database, cancellationToken).ConfigureAwait(false);
            var tenantId = parse.GetValue(tenant);
            var chosen = parse.GetValue(period);
            var current = await StoredReport.BuildAsync(store, tenantId, chosen, cancellationToken).ConfigureAwait(false);
            if (current.Contacts == 0)
                throw new CommandFailedException($"Tenant '{tenantId}' has no interactions in {chosen}; import some or pick another period.");
            var model = await DocumentLoading.CostModelAsync(store, tenantId, cancellationToken).ConfigureAwait(false);
            var books = await DocumentLoading.PriceBooksAsync(store, tenantId, cancellationToken).ConfigureAwait(false);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(current.TimeZone);
            WhatIfComparison comparison;
            try
            {
                comparison = WhatIfComparison.Of(current, zone, model, books.Count == 0 ? null : new PriceBookHistory(books), changes);
            }
            catch (InvalidOperationException e) when (e.Message.StartsWith("Cannot deflect", StringComparison.Ordinal))
            {
                throw new CommandFailedException(e.Message);
            }

            if (parse.GetValue(json))
                terminal.WriteJson(ToJson(comparison));
            else
                WriteTable(terminal, comparison);
            return ExitCode.Ok;
        });
        return command;
    }

    private const string AgentsMethod = "workload: handle hours after concurrency / (paid hours per agent in the period x (1 - shrinkage)) of the group working the channel";

    private static Deflection? ParseDeflection(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 3 && ChannelNames.TryParse(parts[0], out var from) && ChannelNames.TryParse(parts[1], out var to) && from != to
            && TryFraction(parts[2], 1m, out var share)
            ? new Deflection(from, to, share)
            : null;
    }

    private static HandleTimeChange? ParseHandleTime(string text)
    {
        var parts = text.Split(':');
        return parts.Length == 2 && ChannelNames.TryParse(parts[0], out var channel) && TryFraction(parts[1], 10m, out var factor)
            ? new HandleTimeChange(channel, factor)
            : null;
    }

    private static CallbackChange? ParseCallback(string text)
    {
        var parts = text.Split(':');
        if (parts.Length == 1 && TryFraction(parts[0], 1m, out var share))
            return new CallbackChange(Channel.Voice, share);
        return parts.Length == 2 && ChannelNames.TryParse(parts[0], out var channel) && TryFraction(parts[1], 1m, out var channelShare)
            ? new CallbackChange(channel, channelShare)
            : null;
    }

    private static bool TryFraction(string text, decimal max, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value) && value > 0m && value <= max;

    private static decimal Agents(IReadOnlyDictionary<Channel, decimal> agents) => agents.Values.Sum();

    private static Json ToJson(WhatIfComparison c)
    {
        SideJson Side(CostReport r, IReadOnlyDictionary<Channel, decimal> agents) =>
            new(r.Contacts, r.Handled, r.Abandoned, r.TotalCost.Amount, r.CostPerContact.Amount, Agents(agents));
        ChannelSideJson ChannelSide(CostReport r, Channel channel, IReadOnlyDictionary<Channel, decimal> agents)
        {
            var cost = r.Channels.FirstOrDefault(x => x.Channel == channel);
            return cost is null
                ? new ChannelSideJson(0, 0, 0, 0m, 0m, 0m, agents.TryGetValue(channel, out var none) ? none : null)
                : new ChannelSideJson(cost.Activity.Contacts, cost.Activity.Handled, cost.Activity.Abandoned, cost.Activity.AverageHandleSeconds,
                    cost.Cost.Amount, cost.CostPerContact.Amount, agents.TryGetValue(channel, out var a) ? a : null);
        }

        return new Json(c.Scenario.Name, c.Current.Period.ToString(), c.Current.Currency.Code,
            c.Scenario.Labour == LabourRule.Fixed ? "fixed" : "follows-workload", AgentsMethod,
            Side(c.Current, c.CurrentAgents), Side(c.WhatIf, c.WhatIfAgents), c.Difference.Amount,
            Channels(c).Select(ch => new ChannelJson(ch.Name(), ChannelSide(c.Current, ch, c.CurrentAgents), ChannelSide(c.WhatIf, ch, c.WhatIfAgents))).ToArray());
    }

    private static IEnumerable<Channel> Channels(WhatIfComparison c) =>
        c.Current.Channels.Select(x => x.Channel).Union(c.WhatIf.Channels.Select(x => x.Channel)).Order();

    private static void WriteTable(Terminal terminal, WhatIfComparison c)
    {
        terminal.Out.WriteLine($"What if: {c.Scenario.Name} ({c.Current.Period}, {c.Current.Currency.Code}; labour {(c.Scenario.Labour == LabourRule.Fixed ? "fixed" : "follows workload")})");
        var table = Table(null, "Channel", "Contacts", "what-if", "AHT", "what-if", "Cost", "what-if", "Cost/contact", "what-if", "Agents (FTE)", "what-if");
        string Aht(CostReport r, Channel ch) => r.Channels.FirstOrDefault(x => x.Channel == ch) is { } x ? $"{x.Activity.AverageHandleSeconds:0}s" : "-";
        string Contacts(CostReport r, Channel ch) => r.Channels.FirstOrDefault(x => x.Channel == ch) is { } x ? $"{x.Activity.Contacts:N0}" : "0";
        string Cost(CostReport r, Channel ch) => r.Channels.FirstOrDefault(x => x.Channel == ch) is { } x ? Amount(x.Cost.Amount) : "0.00";
        string PerContact(CostReport r, Channel ch) => r.Channels.FirstOrDefault(x => x.Channel == ch) is { } x ? Amount(x.CostPerContact.Amount) : "-";
        string Fte(IReadOnlyDictionary<Channel, decimal> agents, Channel ch) => agents.TryGetValue(ch, out var a) ? $"{a:0.0}" : "-";
        foreach (var ch in Channels(c))
        {
            Row(table, ch.Name(), Contacts(c.Current, ch), Contacts(c.WhatIf, ch), Aht(c.Current, ch), Aht(c.WhatIf, ch), Cost(c.Current, ch), Cost(c.WhatIf, ch),
                PerContact(c.Current, ch), PerContact(c.WhatIf, ch), Fte(c.CurrentAgents, ch), Fte(c.WhatIfAgents, ch));
        }

        Row(table, "total", $"{c.Current.Contacts:N0}", $"{c.WhatIf.Contacts:N0}", "", "", Amount(c.Current.TotalCost.Amount), Amount(c.WhatIf.TotalCost.Amount),
            Amount(c.Current.CostPerContact.Amount), Amount(c.WhatIf.CostPerContact.Amount), $"{Agents(c.CurrentAgents):0.0}", $"{Agents(c.WhatIfAgents):0.0}");
        terminal.Console.Write(table);
        var change = c.Current.TotalCost.IsZero ? "" : $" ({c.Difference.Amount / c.Current.TotalCost.Amount:+0.0%;-0.0%;0.0%})";
        terminal.Out.WriteLine(
            $"Total cost {Amount(c.Current.TotalCost)} -> {Amount(c.WhatIf.TotalCost)}{change}; cost per contact {Amount(c.Current.CostPerContact)} -> {Amount(c.WhatIf.CostPerContact)}; " +
            $"agents needed {Agents(c.CurrentAgents):0.0} -> {Agents(c.WhatIfAgents):0.0} FTE.");
        terminal.Out.WriteLine("Agents needed = handle hours after concurrency / (paid hours per agent in the period x (1 - shrinkage)).");
    }
}
