using System.Globalization;
using ContactCost.Costing;
using ContactCost.Interactions;
using Spectre.Console;

namespace ContactCost.Cli.Output;

/// <summary>The cost report as JSON (the contract scripts read) and as a table (for people).</summary>
internal static class ReportOutput
{
    /// <summary>The JSON shape of a cost report; amounts are numbers in <see cref="Currency"/>, rounded to its minor unit.</summary>
    public sealed record Json(
        string Period,
        DateTimeOffset From,
        DateTimeOffset To,
        string TimeZone,
        string Currency,
        decimal TotalCost,
        long Contacts,
        decimal CostPerContact,
        long Handled,
        long Abandoned,
        long Unrated,
        decimal Unallocated,
        IReadOnlyList<ChannelJson> Channels,
        IReadOnlyList<CostLineJson> Breakdown);

    /// <summary>One channel of the report.</summary>
    public sealed record ChannelJson(
        string Channel,
        long Contacts,
        long Handled,
        long Abandoned,
        decimal Cost,
        decimal CostPerContact,
        decimal AverageHandleSeconds,
        decimal AverageSpeedOfAnswerSeconds,
        decimal Usage,
        decimal Labour,
        decimal Fixed);

    /// <summary>One pool of cost.</summary>
    public sealed record CostLineJson(CostCategory Category, string Name, decimal Amount);

    public static Json ToJson(CostReport report)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(report.TimeZone);
        return new Json(
            report.Period.ToString(),
            report.Period.StartUtc(zone),
            report.Period.EndUtc(zone),
            report.TimeZone,
            report.Currency.Code,
            report.TotalCost.Amount,
            report.Contacts,
            report.CostPerContact.Amount,
            report.Handled,
            report.Abandoned,
            report.Unrated,
            report.Unallocated.Amount,
            report.Channels.Select(c => new ChannelJson(
                c.Channel.Name(), c.Activity.Contacts, c.Activity.Handled, c.Activity.Abandoned, c.Cost.Amount, c.CostPerContact.Amount,
                c.Activity.AverageHandleSeconds, c.Activity.AverageSpeedOfAnswerSeconds, c.Usage.Amount, c.Labour.Amount, c.Fixed.Amount)).ToArray(),
            report.Breakdown.Select(l => new CostLineJson(l.Category, l.Name, l.Amount.Amount)).ToArray());
    }

    public static void WriteTable(Terminal terminal, CostReport report)
    {
        var console = terminal.Console;
        console.Write(new Rule($"[bold]Cost per contact, {report.Period}[/] ({report.TimeZone}, {report.Currency.Code})").LeftJustified());

        var channels = new Table().Border(TableBorder.Rounded)
            .AddColumn("Channel")
            .AddColumn(new TableColumn("Contacts").RightAligned())
            .AddColumn(new TableColumn("Handled").RightAligned())
            .AddColumn(new TableColumn("Abandoned").RightAligned())
            .AddColumn(new TableColumn("AHT").RightAligned())
            .AddColumn(new TableColumn("Usage").RightAligned())
            .AddColumn(new TableColumn("Labour").RightAligned())
            .AddColumn(new TableColumn("Fixed").RightAligned())
            .AddColumn(new TableColumn("Cost").RightAligned())
            .AddColumn(new TableColumn("Cost/contact").RightAligned());
        foreach (var c in report.Channels)
        {
            channels.AddRow(
                c.Channel.Name(), Count(c.Activity.Contacts), Count(c.Activity.Handled), Count(c.Activity.Abandoned), Duration(c.Activity.AverageHandleSeconds),
                Amount(c.Usage), Amount(c.Labour), Amount(c.Fixed), Amount(c.Cost), Amount(c.CostPerContact));
        }

        channels.AddEmptyRow();
        channels.AddRow(
            "[bold]total[/]", $"[bold]{Count(report.Contacts)}[/]", Count(report.Handled), Count(report.Abandoned), "",
            Amount(report.Channels.Select(c => c.Usage).Sum(report.Currency)),
            Amount(report.Channels.Select(c => c.Labour).Sum(report.Currency)),
            Amount(report.Channels.Select(c => c.Fixed).Sum(report.Currency)),
            $"[bold]{Amount(report.TotalCost)}[/]",
            $"[bold]{Amount(report.CostPerContact)}[/]");
        console.Write(channels);

        var breakdown = new Table().Border(TableBorder.Simple).Title("What the total is made of")
            .AddColumn("Kind").AddColumn("Item").AddColumn(new TableColumn("Amount").RightAligned()).AddColumn(new TableColumn("Share").RightAligned());
        foreach (var line in report.Breakdown)
        {
            var share = report.TotalCost.IsZero ? 0m : line.Amount.Amount / report.TotalCost.Amount;
            breakdown.AddRow(line.Category.ToString().ToLowerInvariant(), Markup.Escape(line.Name), Amount(line.Amount), share.ToString("P1", CultureInfo.InvariantCulture));
        }

        console.Write(breakdown);

        if (report.Unrated > 0)
            console.MarkupLine($"[yellow]{Count(report.Unrated)} interactions are not rated yet; their usage is missing. Run: ccost rate[/]");
        if (!report.Unallocated.IsZero)
            console.MarkupLine($"[yellow]{Amount(report.Unallocated)} could not be shared to any channel (the period has no contacts).[/]");
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Amount(Money money) =>
        money.Amount.ToString("N" + money.Currency.MinorDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static string Duration(decimal seconds)
    {
        var whole = (long)decimal.Round(seconds, MidpointRounding.AwayFromZero);
        return whole >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{whole / 3600}h{whole % 3600 / 60:D2}m")
            : string.Create(CultureInfo.InvariantCulture, $"{whole / 60}m{whole % 60:D2}s");
    }
}
