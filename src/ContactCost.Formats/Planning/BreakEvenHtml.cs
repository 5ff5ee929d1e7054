using System.Globalization;
using System.Net;
using System.Text;
using ContactCost.Planning;

namespace ContactCost.Formats.Planning;

/// <summary>A break-even analysis as one self-contained HTML page: a table and an inline SVG chart of both cost lines (no scripts, no network).</summary>
public static class BreakEvenHtml
{
    private const double Width = 720, Height = 360, Left = 80, Right = 20, Top = 20, Bottom = 50;

    /// <summary>The page for <paramref name="analysis"/>.</summary>
    public static string Write(BreakEvenAnalysis analysis)
    {
        ArgumentNullException.ThrowIfNull(analysis);
        var inv = CultureInfo.InvariantCulture;
        var s = analysis.Scenario;
        var curve = analysis.Curve;
        var maxX = (double)s.MaxVolume;
        var maxY = (double)curve.Max(p => Math.Max(p.SeatPlan.Amount, p.PayPerUse.Amount));
        if (maxY <= 0)
            maxY = 1;
        string X(double v) => (Left + v / maxX * (Width - Left - Right)).ToString("0.##", inv);
        string Y(double v) => (Height - Bottom - v / maxY * (Height - Top - Bottom)).ToString("0.##", inv);
        string Line(Func<BreakEvenPoint, decimal> cost) => string.Join(' ', curve.Select(p => $"{X(p.Volume)},{Y((double)cost(p))}"));
        string Encode(string text) => WebUtility.HtmlEncode(text);

        var svg = new StringBuilder();
        svg.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"Monthly cost of both plans by volume\">");
        svg.Append(inv, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>");
        svg.Append(inv, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#444\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var v = maxY * i / 4;
            svg.Append(inv, $"<text x=\"{Left - 6}\" y=\"{Y(v)}\" text-anchor=\"end\" font-size=\"11\">{v.ToString("N0", inv)}</text>");
            var volume = maxX * i / 4;
            svg.Append(inv, $"<text x=\"{X(volume)}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{volume.ToString("N0", inv)}</text>");
        }

        svg.Append(inv, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"12\">contacts a month</text>");
        svg.Append(inv, $"<text x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{s.Currency.Code} a month</text>");
        svg.Append(inv, $"<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"{Line(p => p.SeatPlan.Amount)}\"/>");
        svg.Append(inv, $"<polyline fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\" points=\"{Line(p => p.PayPerUse.Amount)}\"/>");
        if (analysis.BreakEvenVolume is { } even && (double)even <= maxX)
        {
            var cost = (double)s.PayPerUse.MonthlyCost(even, s.Mix);
            svg.Append(inv, $"<circle cx=\"{X((double)even)}\" cy=\"{Y(cost)}\" r=\"5\" fill=\"#2ca02c\"/>");
            svg.Append(inv, $"<text x=\"{X((double)even)}\" y=\"{Y(cost)}\" dx=\"8\" dy=\"-8\" font-size=\"12\">break-even {even.ToString("N0", inv)}</text>");
        }

        svg.Append(inv, $"<text x=\"{Left + 10}\" y=\"{Top + 12}\" font-size=\"12\" fill=\"#1f77b4\">{Encode(s.SeatPlan.Name)}</text>");
        svg.Append(inv, $"<text x=\"{Left + 10}\" y=\"{Top + 28}\" font-size=\"12\" fill=\"#d62728\">{Encode(s.PayPerUse.Name)}</text>");
        svg.Append("</svg>");

        var rows = new StringBuilder();
        foreach (var p in curve)
        {
            rows.Append(inv, $"<tr><td>{p.Volume.ToString("N0", inv)}</td><td>{p.SeatPlan.Amount.ToString("N2", inv)}</td>" +
                $"<td>{p.PayPerUse.Amount.ToString("N2", inv)}</td><td>{p.Cheaper}</td></tr>");
        }

        var verdict = analysis.BreakEvenVolume is { } v2
            ? $"Both cost the same at {v2.ToString("N2", inv)} contacts a month."
            : "The two lines do not cross at a positive volume.";
        return $$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{{Encode(s.Name)}}</title>
            <style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:right}th{background:#f4f4f4}</style>
            </head><body>
            <h1>{{Encode(s.Name)}}</h1>
            <p>{{Encode(verdict)}} Per contact for this mix: {{Encode(s.SeatPlan.Name)}} {{analysis.SeatPerContact.ToString("0.####", inv)}}, {{Encode(s.PayPerUse.Name)}} {{analysis.PayPerUsePerContact.ToString("0.####", inv)}} {{s.Currency.Code}}.</p>
            {{svg}}
            <table><thead><tr><th>Contacts a month</th><th>{{Encode(s.SeatPlan.Name)}} ({{s.Currency.Code}})</th><th>{{Encode(s.PayPerUse.Name)}} ({{s.Currency.Code}})</th><th>Cheaper</th></tr></thead>
            <tbody>{{rows}}</tbody></table>
            </body></html>

            """;
    }
}
