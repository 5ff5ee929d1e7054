using System.Globalization;
using System.Net;
using System.Text;

namespace ContactCost.Formats.Reports;

/// <summary>
/// A report as one self-contained HTML page: its own styles, SVG charts drawn on the server side
/// (cost per contact by channel, the trend by day or week, what the total is made of, episode
/// channel paths, and the change against a baseline), and the tables behind them. No script, no
/// network: it opens the same offline, in a mail attachment or printed.
/// </summary>
public static class ReportHtml
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The page for <paramref name="document"/>, its main table grouped by <paramref name="by"/>.</summary>
    public static string Write(ReportDocument document, ReportGrouping by)
    {
        ArgumentNullException.ThrowIfNull(document);
        return new Page(Currency.FromCode(document.Currency).MinorDigits).Write(document, by);
    }

    // One page being written; knows how many decimals the report's currency shows.
    private sealed class Page(int minorDigits)
    {
        public string Write(ReportDocument d, ReportGrouping by)
        {
            var html = new StringBuilder();
            html.Append(Inv, $$"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Cost per contact, {{E(d.Period)}}</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1d2430; }
                h1 { font-size: 1.6rem; margin-bottom: .2rem; } h2 { font-size: 1.15rem; margin-top: 2.2rem; }
                .meta { color: #5b6675; }
                .kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .6rem; margin: 1.2rem 0; }
                .kpi { border: 1px solid #dde3ea; border-radius: .5rem; padding: .6rem .8rem; }
                .kpi .name { color: #5b6675; font-size: .8rem; } .kpi .figure { font-size: 1.3rem; font-weight: 650; font-variant-numeric: tabular-nums; }
                svg.chart { max-width: 100%; height: auto; } svg .label { font-size: 12px; fill: #3a4553; } svg .value { font-size: 11px; fill: #1d2430; }
                svg .axis { stroke: #9aa5b1; stroke-width: 1; }
                figure { margin: 0; } figcaption { color: #5b6675; font-size: .85rem; }
                table { border-collapse: collapse; width: 100%; margin-top: .5rem; }
                th, td { padding: .35rem .5rem; border-bottom: 1px solid #dde3ea; text-align: left; }
                td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
                tr.total td { font-weight: 700; border-top: 2px solid #1d2430; }
                .note { color: #8a5a00; }
                </style></head><body>
                <h1>Cost per contact, {{E(d.Period)}}</h1>
                <div class="meta">{{d.From:yyyy-MM-dd HH:mm}} to {{d.To:yyyy-MM-dd HH:mm}} UTC · days in {{E(d.TimeZone)}} · amounts in {{E(d.Currency)}}</div>

                """);

            Kpis(html, d);
            Section(html, "Cost per contact by channel",
                SvgChart.Columns("chart-channels", "Cost per contact by channel", d.Channels.Select(c => new SvgChart.Point(c.Channel, c.CostPerContact, Money(c.CostPerContact))).ToArray()),
                "Each channel's cost (usage, labour by handle time, shared costs) divided by its contacts.");
            var trend = Trend(d);
            Section(html, $"Cost per contact by {trend.Unit}",
                SvgChart.Line("chart-trend", $"Cost per contact by {trend.Unit}", trend.Points),
                $"Each {trend.Unit}'s cost divided by its contacts.");
            var categories = d.Breakdown.GroupBy(l => l.Category)
                .Select(g => new SvgChart.Point(g.Key.ToString().ToLowerInvariant(), g.Sum(l => l.Amount), Money(g.Sum(l => l.Amount)) + " · " + Share(g.Sum(l => l.Amount), d.TotalCost)))
                .OrderByDescending(p => p.Value).ToArray();
            Section(html, "What the total is made of", SvgChart.Rows("chart-breakdown", "Cost breakdown", categories),
                $"{Money(d.TotalCost)} {E(d.Currency)} in all; the table at the end lists every pool.");
            Section(html, "Episode channel paths",
                SvgChart.Rows("chart-paths", "Episode channel paths",
                    d.Episodes.Paths.Select(p => new SvgChart.Point(p.Path, p.Episodes, $"{Figures.Count(p.Episodes)} episodes · {Money(p.AverageCost)} each")).ToArray()),
                $"The {d.Episodes.Paths.Count} most common paths of {Figures.Count(d.Episodes.Episodes)} episodes: the channels a customer used for one need, in order.");
            if (d.Comparison is { } c)
                Comparison(html, d, c);

            html.Append(Inv, $"<h2>By {by.ToString().ToLowerInvariant()}</h2>\n");
            GroupTable(html, d, by);
            Breakdown(html, d);
            if (d.Unrated > 0)
                html.Append(Inv, $"<p class=\"note\">{Figures.Count(d.Unrated)} interactions are not rated yet; their usage is missing from these figures.</p>\n");
            html.Append("<p class=\"meta\">Every grouping adds up to the total to the cent: usage goes to the interaction that used it, labour by handle time, shared costs by the cost model's driver. Made by ContactCost.</p>\n</body></html>\n");
            return html.ToString();
        }

        private void Kpis(StringBuilder html, ReportDocument d)
        {
            html.Append("<div class=\"kpis\">\n");
            Kpi(html, "total-cost", "Total cost", Money(d.TotalCost));
            Kpi(html, "contacts", "Contacts", Figures.Count(d.Contacts));
            Kpi(html, "cost-per-contact", "Cost per contact", Money(d.CostPerContact));
            Kpi(html, "cost-per-minute", "Cost per handle minute", Money(d.Kpis.CostPerHandleMinute));
            Kpi(html, "aht", "Average handle time", Figures.Duration(d.Kpis.AverageHandleSeconds));
            Kpi(html, "asa", "Average speed of answer", Figures.Duration(d.Kpis.AverageSpeedOfAnswerSeconds));
            Kpi(html, "abandonment", "Abandonment", Figures.Percent(d.Kpis.AbandonmentRate));
            if (d.Kpis.Occupancy is { } occupancy)
                Kpi(html, "occupancy", "Occupancy", Figures.Percent(occupancy));
            Kpi(html, "cost-per-episode", "Cost per episode", Money(d.Episodes.CostPerEpisode));
            Kpi(html, "cost-per-resolution", "Cost per resolution", Money(d.Episodes.CostPerResolution));
            Kpi(html, "contacts-per-episode", "Contacts per episode", d.Episodes.ContactsPerEpisode.ToString("0.00", Inv));
            Kpi(html, "first-contact-resolution", "First-contact resolution", Figures.Percent(d.Episodes.FirstContactResolution));
            Kpi(html, "containment", "Self-service containment", Figures.Percent(d.Episodes.SelfServiceContainment));
            Kpi(html, "extra-cost-per-switch", "Extra cost of a channel switch", Money(d.Episodes.ExtraCostPerSwitch));
            html.Append("</div>\n");
        }

        private void Kpi(StringBuilder html, string id, string name, string figure) =>
            html.Append(Inv, $"<div class=\"kpi\" data-kpi=\"{id}\"><div class=\"name\">{E(name)}</div><div class=\"figure\">{E(figure)}</div></div>\n");

        private void Section(StringBuilder html, string heading, string svg, string caption) =>
            html.Append(Inv, $"<h2>{E(heading)}</h2>\n<figure>{svg}<figcaption>{caption}</figcaption></figure>\n");

        // Days when they fit on a chart; weeks (Monday first) over two months.
        private (string Unit, IReadOnlyList<SvgChart.Point> Points) Trend(ReportDocument d)
        {
            if (d.ByDay.Count <= 62)
                return ("day", d.ByDay.Select(g => new SvgChart.Point(g.Key[5..], g.CostPerContact, Money(g.CostPerContact))).ToArray());
            var weeks = d.ByDay
                .GroupBy(g => ISOWeek.GetYear(DateTime.Parse(g.Key, Inv)) + "-W" + ISOWeek.GetWeekOfYear(DateTime.Parse(g.Key, Inv)).ToString("00", Inv))
                .Select(w =>
                {
                    var contacts = w.Sum(g => g.Contacts);
                    var cost = w.Sum(g => g.Cost);
                    var perContact = contacts == 0 ? 0m : decimal.Round(cost / contacts, minorDigits, MidpointRounding.AwayFromZero);
                    return new SvgChart.Point(w.Key, perContact, Money(perContact));
                }).ToArray();
            return ("week", weeks);
        }

        private void Comparison(StringBuilder html, ReportDocument d, ReportComparison c)
        {
            var effects = new[]
            {
                new SvgChart.Point("volume", c.Effects.Volume, Signed(c.Effects.Volume)),
                new SvgChart.Point("channel mix", c.Effects.Mix, Signed(c.Effects.Mix)),
                new SvgChart.Point("handle time", c.Effects.HandleTime, Signed(c.Effects.HandleTime)),
                new SvgChart.Point("price", c.Effects.Price, Signed(c.Effects.Price)),
            };
            Section(html, $"Against {c.Baseline}: total cost {Signed(c.CostChange)}",
                SvgChart.Rows("chart-effects", "Change in total cost by cause", effects),
                "Volume: more or fewer contacts at the baseline's cost per contact; channel mix: contacts moving between channels; " +
                "handle time: longer or shorter contacts; price: what the same contact costs now. The four add up to the change.");
            html.Append("<table id=\"comparison\"><thead><tr><th>Channel</th><th class=\"num\">Contacts then</th><th class=\"num\">now</th>" +
                        "<th class=\"num\">Cost per contact then</th><th class=\"num\">now</th><th class=\"num\">AHT then</th><th class=\"num\">now</th></tr></thead><tbody>\n");
            foreach (var ch in c.Channels)
            {
                html.Append(Inv, $"<tr><td>{E(ch.Channel)}</td><td class=\"num\">{Figures.Count(ch.BaselineContacts)}</td><td class=\"num\">{Figures.Count(ch.Contacts)}</td>" +
                    $"<td class=\"num\">{Maybe(ch.BaselineCostPerContact, Money)}</td><td class=\"num\">{Maybe(ch.CostPerContact, Money)}</td>" +
                    $"<td class=\"num\">{Maybe(ch.BaselineAverageHandleSeconds, Figures.Duration)}</td><td class=\"num\">{Maybe(ch.AverageHandleSeconds, Figures.Duration)}</td></tr>\n");
            }

            html.Append(Inv, $"<tr class=\"total\"><td>total</td><td class=\"num\">{Figures.Count(c.BaselineContacts)}</td><td class=\"num\">{Figures.Count(d.Contacts)}</td>" +
                $"<td class=\"num\">{Money(c.BaselineCostPerContact)}</td><td class=\"num\">{Money(d.CostPerContact)}</td>" +
                $"<td class=\"num\">{Figures.Duration(c.BaselineKpis.AverageHandleSeconds)}</td><td class=\"num\">{Figures.Duration(d.Kpis.AverageHandleSeconds)}</td></tr>\n</tbody></table>\n");
        }

        private void GroupTable(StringBuilder html, ReportDocument d, ReportGrouping by)
        {
            if (by == ReportGrouping.Episode)
            {
                html.Append("<table id=\"rows\"><thead><tr><th>Path</th><th class=\"num\">Episodes</th><th class=\"num\">Average cost</th></tr></thead><tbody>\n");
                foreach (var p in d.Episodes.Paths)
                    html.Append(Inv, $"<tr><td>{E(p.Path)}</td><td class=\"num\">{Figures.Count(p.Episodes)}</td><td class=\"num\">{Money(p.AverageCost)}</td></tr>\n");
                html.Append(Inv, $"<tr class=\"total\"><td>all episodes</td><td class=\"num\">{Figures.Count(d.Episodes.Episodes)}</td><td class=\"num\">{Money(d.Episodes.CostPerEpisode)}</td></tr>\n</tbody></table>\n");
                return;
            }

            var rows = by switch
            {
                ReportGrouping.Channel => d.Channels.Select(c => new ReportGroup(c.Channel, c.Contacts, c.Handled, c.Abandoned, c.AverageHandleSeconds, c.Usage, c.Labour, c.Fixed, c.Cost, c.CostPerContact)).ToArray(),
                ReportGrouping.Queue => d.ByQueue,
                ReportGrouping.Group => d.ByAgentGroup,
                ReportGrouping.Agent => d.ByAgent,
                _ => d.ByDay,
            };
            html.Append(Inv, $"<table id=\"rows\"><thead><tr><th>{by}</th><th class=\"num\">Contacts</th><th class=\"num\">Handled</th><th class=\"num\">Abandoned</th>")
                .Append("<th class=\"num\">AHT</th><th class=\"num\">Usage</th><th class=\"num\">Labour</th><th class=\"num\">Shared</th><th class=\"num\">Cost</th><th class=\"num\">Per contact</th></tr></thead><tbody>\n");
            foreach (var g in rows)
            {
                html.Append(Inv, $"<tr><td>{E(g.Key)}</td><td class=\"num\">{Figures.Count(g.Contacts)}</td><td class=\"num\">{Figures.Count(g.Handled)}</td><td class=\"num\">{Figures.Count(g.Abandoned)}</td>" +
                    $"<td class=\"num\">{Figures.Duration(g.AverageHandleSeconds)}</td><td class=\"num\">{Money(g.Usage)}</td><td class=\"num\">{Money(g.Labour)}</td>" +
                    $"<td class=\"num\">{Money(g.Shared)}</td><td class=\"num\">{Money(g.Cost)}</td><td class=\"num\">{Money(g.CostPerContact)}</td></tr>\n");
            }

            html.Append(Inv, $"<tr class=\"total\"><td>total</td><td class=\"num\">{Figures.Count(rows.Sum(g => g.Contacts))}</td><td class=\"num\">{Figures.Count(rows.Sum(g => g.Handled))}</td>" +
                $"<td class=\"num\">{Figures.Count(rows.Sum(g => g.Abandoned))}</td><td></td><td class=\"num\">{Money(rows.Sum(g => g.Usage))}</td><td class=\"num\">{Money(rows.Sum(g => g.Labour))}</td>" +
                $"<td class=\"num\">{Money(rows.Sum(g => g.Shared))}</td><td class=\"num\" id=\"rows-total\">{Money(rows.Sum(g => g.Cost))}</td><td class=\"num\">{Money(d.CostPerContact)}</td></tr>\n</tbody></table>\n");
        }

        private void Breakdown(StringBuilder html, ReportDocument d)
        {
            html.Append("<h2>Every pool of cost</h2>\n<table id=\"breakdown\"><thead><tr><th>Kind</th><th>Item</th><th class=\"num\">Amount</th><th class=\"num\">Share</th></tr></thead><tbody>\n");
            foreach (var line in d.Breakdown)
            {
                html.Append(Inv, $"<tr><td>{line.Category.ToString().ToLowerInvariant()}</td><td>{E(line.Name)}</td><td class=\"num\">{Money(line.Amount)}</td><td class=\"num\">{Share(line.Amount, d.TotalCost)}</td></tr>\n");
            }

            html.Append(Inv, $"<tr class=\"total\"><td colspan=\"2\">total</td><td class=\"num\">{Money(d.TotalCost)}</td><td class=\"num\">100%</td></tr>\n</tbody></table>\n");
        }

        private string Money(decimal amount) => Figures.Amount(amount, minorDigits);

        private string Signed(decimal amount) => (amount > 0m ? "+" : "") + Money(amount);

        private static string Share(decimal part, decimal whole) => whole == 0m ? "0.0%" : Figures.Percent(part / whole);

        private static string Maybe(decimal? value, Func<decimal, string> format) => value is { } v ? format(v) : "–";

        private static string E(string text) => WebUtility.HtmlEncode(text);
    }
}
