using System.Globalization;
using ContactCost.Formats.Reports;
using Spectre.Console;

namespace ContactCost.Cli.Output;

/// <summary>A cost report as tables for people; the figures are the <see cref="ReportDocument"/>'s, so they match the JSON, CSV and HTML.</summary>
internal static class ReportOutput
{
    public static void WriteTable(Terminal terminal, ReportDocument d, ReportGrouping by)
    {
        var console = terminal.Console;
        var digits = ContactCost.Currency.FromCode(d.Currency).MinorDigits;
        string Amount(decimal value) => Figures.Amount(value, digits);
        console.Write(new Rule($"[bold]Cost per contact, {Markup.Escape(d.Period)}[/] ({Markup.Escape(d.TimeZone)}, {d.Currency})").LeftJustified());

        switch (by)
        {
            case ReportGrouping.Channel:
                Channels(console, d, Amount);
                break;
            case ReportGrouping.Episode:
                Paths(console, d, Amount);
                break;
            default:
                Groups(console, d, by, Amount);
                break;
        }

        var k = d.Kpis;
        var e = d.Episodes;
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Cost per handle minute {Amount(k.CostPerHandleMinute)} · AHT {Figures.Duration(k.AverageHandleSeconds)} · ASA {Figures.Duration(k.AverageSpeedOfAnswerSeconds)} · " +
            $"abandonment {Figures.Percent(k.AbandonmentRate)}{(k.Occupancy is { } o ? $" · occupancy {Figures.Percent(o)}" : "")}")));
        console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Episodes {Figures.Count(e.Episodes)}: {Amount(e.CostPerEpisode)} each, {Amount(e.CostPerResolution)} per resolution, {e.ContactsPerEpisode:0.00} contacts each, " +
            $"first-contact resolution {Figures.Percent(e.FirstContactResolution)}, self-service containment {Figures.Percent(e.SelfServiceContainment)}, a channel switch adds {Amount(e.ExtraCostPerSwitch)}.")));

        if (by == ReportGrouping.Channel)
            Breakdown(console, d, Amount);
        if (d.Comparison is { } c)
            Comparison(console, d, c, Amount);
        if (d.Unallocated != 0m)
            console.MarkupLine($"[yellow]{Amount(d.Unallocated)} could not be shared to any channel (the period has no contacts).[/]");
    }

    private static void Channels(IAnsiConsole console, ReportDocument d, Func<decimal, string> amount)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Channel");
        foreach (var name in new[] { "Contacts", "Handled", "Abandoned", "AHT", "Usage", "Labour", "Fixed", "Cost", "Cost/contact" })
            table.AddColumn(new TableColumn(name).RightAligned());
        foreach (var c in d.Channels)
        {
            table.AddRow(c.Channel, Figures.Count(c.Contacts), Figures.Count(c.Handled), Figures.Count(c.Abandoned), Figures.Duration(c.AverageHandleSeconds),
                amount(c.Usage), amount(c.Labour), amount(c.Fixed), amount(c.Cost), amount(c.CostPerContact));
        }

        table.AddEmptyRow();
        table.AddRow("[bold]total[/]", $"[bold]{Figures.Count(d.Contacts)}[/]", Figures.Count(d.Handled), Figures.Count(d.Abandoned), Figures.Duration(d.Kpis.AverageHandleSeconds),
            amount(d.Channels.Sum(c => c.Usage)), amount(d.Channels.Sum(c => c.Labour)), amount(d.Channels.Sum(c => c.Fixed)),
            $"[bold]{amount(d.TotalCost)}[/]", $"[bold]{amount(d.CostPerContact)}[/]");
        console.Write(table);
    }

    private static void Groups(IAnsiConsole console, ReportDocument d, ReportGrouping by, Func<decimal, string> amount)
    {
        var rows = by switch
        {
            ReportGrouping.Queue => d.ByQueue,
            ReportGrouping.Group => d.ByAgentGroup,
            ReportGrouping.Agent => d.ByAgent,
            _ => d.ByDay,
        };
        var table = new Table().Border(TableBorder.Rounded).AddColumn(by.ToString());
        foreach (var name in new[] { "Contacts", "Handled", "Abandoned", "AHT", "Usage", "Labour", "Shared", "Cost", "Cost/contact" })
            table.AddColumn(new TableColumn(name).RightAligned());
        foreach (var g in rows)
        {
            table.AddRow(Markup.Escape(g.Key), Figures.Count(g.Contacts), Figures.Count(g.Handled), Figures.Count(g.Abandoned), Figures.Duration(g.AverageHandleSeconds),
                amount(g.Usage), amount(g.Labour), amount(g.Shared), amount(g.Cost), amount(g.CostPerContact));
        }

        table.AddEmptyRow();
        table.AddRow("[bold]total[/]", $"[bold]{Figures.Count(rows.Sum(g => g.Contacts))}[/]", Figures.Count(rows.Sum(g => g.Handled)), Figures.Count(rows.Sum(g => g.Abandoned)), "",
            amount(rows.Sum(g => g.Usage)), amount(rows.Sum(g => g.Labour)), amount(rows.Sum(g => g.Shared)),
            $"[bold]{amount(rows.Sum(g => g.Cost))}[/]", $"[bold]{amount(d.CostPerContact)}[/]");
        console.Write(table);
    }

    private static void Paths(IAnsiConsole console, ReportDocument d, Func<decimal, string> amount)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("Episode channel paths")
            .AddColumn("Path").AddColumn(new TableColumn("Episodes").RightAligned()).AddColumn(new TableColumn("Share").RightAligned())
            .AddColumn(new TableColumn("Average cost").RightAligned());
        foreach (var p in d.Episodes.Paths)
        {
            var share = d.Episodes.Episodes == 0 ? 0m : (decimal)p.Episodes / d.Episodes.Episodes;
            table.AddRow(Markup.Escape(p.Path), Figures.Count(p.Episodes), Figures.Percent(share), amount(p.AverageCost));
        }

        table.AddEmptyRow();
        table.AddRow("[bold]all episodes[/]", $"[bold]{Figures.Count(d.Episodes.Episodes)}[/]", "100.0%", $"[bold]{amount(d.Episodes.CostPerEpisode)}[/]");
        console.Write(table);
        console.MarkupLine(Markup.Escape($"The episodes cost {amount(d.Episodes.Cost)} in all; {Figures.Count(d.Episodes.Resolved)} were resolved."));
    }

    private static void Breakdown(IAnsiConsole console, ReportDocument d, Func<decimal, string> amount)
    {
        var table = new Table().Border(TableBorder.Simple).Title("What the total is made of")
            .AddColumn("Kind").AddColumn("Item").AddColumn(new TableColumn("Amount").RightAligned()).AddColumn(new TableColumn("Share").RightAligned());
        foreach (var line in d.Breakdown)
        {
            var share = d.TotalCost == 0m ? 0m : line.Amount / d.TotalCost;
            table.AddRow(line.Category.ToString().ToLowerInvariant(), Markup.Escape(line.Name), amount(line.Amount), Figures.Percent(share));
        }

        console.Write(table);
    }

    private static void Comparison(IAnsiConsole console, ReportDocument d, ReportComparison c, Func<decimal, string> amount)
    {
        string Signed(decimal value) => (value > 0m ? "+" : "") + amount(value);
        var table = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(d.Period)} against {Markup.Escape(c.Baseline)}")
            .AddColumn("Figure").AddColumn(new TableColumn(Markup.Escape(c.Baseline)).RightAligned())
            .AddColumn(new TableColumn(Markup.Escape(d.Period)).RightAligned()).AddColumn(new TableColumn("Change").RightAligned());
        table.AddRow("Contacts", Figures.Count(c.BaselineContacts), Figures.Count(d.Contacts), (d.Contacts - c.BaselineContacts).ToString("+#,##0;-#,##0;0", CultureInfo.InvariantCulture));
        table.AddRow("Total cost", amount(c.BaselineTotalCost), amount(d.TotalCost), Signed(c.CostChange));
        table.AddRow("Cost per contact", amount(c.BaselineCostPerContact), amount(d.CostPerContact), Signed(d.CostPerContact - c.BaselineCostPerContact));
        table.AddRow("AHT", Figures.Duration(c.BaselineKpis.AverageHandleSeconds), Figures.Duration(d.Kpis.AverageHandleSeconds), "");
        table.AddRow("ASA", Figures.Duration(c.BaselineKpis.AverageSpeedOfAnswerSeconds), Figures.Duration(d.Kpis.AverageSpeedOfAnswerSeconds), "");
        table.AddRow("Abandonment", Figures.Percent(c.BaselineKpis.AbandonmentRate), Figures.Percent(d.Kpis.AbandonmentRate), "");
        foreach (var ch in c.Channels)
        {
            table.AddRow($"{ch.Channel}: cost per contact",
                ch.BaselineCostPerContact is { } then ? amount(then) : "–",
                ch.CostPerContact is { } now ? amount(now) : "–",
                ch.BaselineCostPerContact is { } a && ch.CostPerContact is { } b ? Signed(b - a) : "");
        }

        console.Write(table);
        var effects = new Table().Border(TableBorder.Simple).Title("Why total cost changed")
            .AddColumn("Cause").AddColumn(new TableColumn("Change").RightAligned());
        effects.AddRow("volume (more or fewer contacts)", Signed(c.Effects.Volume));
        effects.AddRow("channel mix", Signed(c.Effects.Mix));
        effects.AddRow("handle time", Signed(c.Effects.HandleTime));
        effects.AddRow("price (what the same contact costs)", Signed(c.Effects.Price));
        effects.AddRow("[bold]total[/]", $"[bold]{Signed(c.CostChange)}[/]");
        console.Write(effects);
    }
}
