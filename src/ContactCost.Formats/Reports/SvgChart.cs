using System.Globalization;
using System.Net;
using System.Text;

namespace ContactCost.Formats.Reports;

/// <summary>
/// Small SVG charts drawn as text, so a report page needs no script and no network: vertical bars,
/// horizontal bars (signed for changes) and a line. Every mark carries a title with its exact value
/// and a class (<c>bar</c>, <c>point</c>) a test or a stylesheet can find.
/// </summary>
internal static class SvgChart
{
    private const int Width = 720;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>One value to draw: its label, its size, and the text shown beside it.</summary>
    public readonly record struct Point(string Label, decimal Value, string Text);

    /// <summary>Vertical bars, one per point, labelled underneath and valued on top.</summary>
    public static string Columns(string id, string title, IReadOnlyList<Point> points)
    {
        const int height = 260, top = 24, bottom = 40;
        var plot = height - top - bottom;
        var max = Max(points);
        var slot = points.Count == 0 ? 0d : (double)(Width - 20) / points.Count;
        var svg = Open(id, title, height);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var h = max == 0m ? 0d : (double)(p.Value / max) * plot;
            var x = 10 + (i * slot) + (slot * 0.15);
            var w = slot * 0.7;
            var y = top + plot - h;
            svg.Append(Inv, $"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{w:0.#}\" height=\"{h:0.#}\" fill=\"{Colour(i)}\"><title>{E(p.Label)}: {E(p.Text)}</title></rect>");
            svg.Append(Inv, $"<text x=\"{x + (w / 2):0.#}\" y=\"{y - 6:0.#}\" text-anchor=\"middle\" class=\"value\">{E(p.Text)}</text>");
            svg.Append(Inv, $"<text x=\"{x + (w / 2):0.#}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\" class=\"label\">{E(p.Label)}</text>");
        }

        svg.Append(Inv, $"<line x1=\"10\" x2=\"{Width - 10}\" y1=\"{top + plot}\" y2=\"{top + plot}\" class=\"axis\"/>");
        return Close(svg);
    }

    /// <summary>Horizontal bars, one row per point; negative values grow to the left of a middle axis.</summary>
    public static string Rows(string id, string title, IReadOnlyList<Point> points)
    {
        const int row = 26, label = 210, right = 190;
        var height = Math.Max(1, points.Count) * row + 10;
        var signed = points.Any(p => p.Value < 0m);
        var max = points.Count == 0 ? 0m : points.Max(p => Math.Abs(p.Value));
        var span = Width - label - right;
        var zero = signed ? label + (span / 2d) : label;
        var scale = max == 0m ? 0d : (signed ? span / 2d : span) / (double)max;
        var svg = Open(id, title, height);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var y = 5 + (i * row);
            var w = Math.Abs((double)p.Value) * scale;
            var x = p.Value < 0m ? zero - w : zero;
            var fill = signed ? (p.Value < 0m ? "#2e8b57" : "#c0392b") : Colour(i);
            svg.Append(Inv, $"<text x=\"{label - 8}\" y=\"{y + 17}\" text-anchor=\"end\" class=\"label\">{E(p.Label)}</text>");
            svg.Append(Inv, $"<rect class=\"bar\" x=\"{x:0.#}\" y=\"{y + 4}\" width=\"{w:0.#}\" height=\"{row - 8}\" fill=\"{fill}\"><title>{E(p.Label)}: {E(p.Text)}</title></rect>");
            svg.Append(Inv, $"<text x=\"{(p.Value < 0m ? zero + 6 : x + w + 6):0.#}\" y=\"{y + 17}\" class=\"value\">{E(p.Text)}</text>");
        }

        if (signed)
            svg.Append(Inv, $"<line x1=\"{zero:0.#}\" x2=\"{zero:0.#}\" y1=\"0\" y2=\"{height}\" class=\"axis\"/>");
        return Close(svg);
    }

    /// <summary>A line through the points in order, each marked and valued; labels thinned to fit.</summary>
    public static string Line(string id, string title, IReadOnlyList<Point> points)
    {
        const int height = 240, top = 24, bottom = 40, left = 20;
        var plot = height - top - bottom;
        var max = Max(points);
        var min = points.Count == 0 ? 0m : Math.Min(0m, points.Min(p => p.Value));
        var step = points.Count <= 1 ? 0d : (double)(Width - (2 * left)) / (points.Count - 1);
        double X(int i) => points.Count == 1 ? Width / 2d : left + (i * step);
        double Y(decimal v) => max == min ? top + plot : top + plot - ((double)((v - min) / (max - min)) * plot);
        var svg = Open(id, title, height);
        svg.Append(Inv, $"<line x1=\"{left}\" x2=\"{Width - left}\" y1=\"{top + plot}\" y2=\"{top + plot}\" class=\"axis\"/>");
        if (points.Count > 0)
        {
            // The scale runs from zero (or the lowest value) to the highest: say both ends.
            var highest = points.MaxBy(p => p.Value);
            svg.Append(Inv, $"<text x=\"{left}\" y=\"{top - 8}\" class=\"value\">highest {E(highest.Text)} ({E(highest.Label)})</text>");
            svg.Append(Inv, $"<text x=\"{Width - left}\" y=\"{top + plot - 6}\" text-anchor=\"end\" class=\"value\">{min.ToString("0.##", Inv)}</text>");
        }

        svg.Append("<polyline class=\"trend\" fill=\"none\" stroke=\"#2f6fb3\" stroke-width=\"2\" points=\"");
        for (var i = 0; i < points.Count; i++)
            svg.Append(Inv, $"{X(i):0.#},{Y(points[i].Value):0.#} ");
        svg.Append("\"/>");
        var every = Math.Max(1, (int)Math.Ceiling(points.Count / 10d));
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            svg.Append(Inv, $"<circle class=\"point\" cx=\"{X(i):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"3.5\" fill=\"#2f6fb3\"><title>{E(p.Label)}: {E(p.Text)}</title></circle>");
            if (i % every == 0 || i == points.Count - 1)
                svg.Append(Inv, $"<text x=\"{X(i):0.#}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\" class=\"label\">{E(p.Label)}</text>");
        }

        return Close(svg);
    }

    private static StringBuilder Open(string id, string title, int height) =>
        new StringBuilder().Append(Inv,
            $"<svg id=\"{id}\" class=\"chart\" role=\"img\" aria-label=\"{E(title)}\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{E(title)}</title>");

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static decimal Max(IReadOnlyList<Point> points) => points.Count == 0 ? 0m : Math.Max(0m, points.Max(p => p.Value));

    private static string Colour(int i) => Palette[i % Palette.Length];

    private static readonly string[] Palette = ["#2f6fb3", "#e07b39", "#3c9d5d", "#b84a62", "#7d5ba6", "#c9a227", "#3aa6b9", "#8c6d46", "#5f6b7a"];

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
