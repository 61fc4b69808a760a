using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static Bench.Report.Report;

namespace Bench.Report;

/// <summary>Hand-written SVG line charts (no package): the shape of each curve is the claim, so both axes start at 0.</summary>
public static class Charts
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f", "#17becf", "#bcbd22"];

    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points);

    public static Dictionary<string, string> All(Results results)
    {
        var charts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (results["parse"]?["points"] is JsonArray parse)
        {
            var points = parse.OfType<JsonObject>().Where(p => p["ok"]?.GetValue<bool>() == true).ToList();
            foreach (var format in new[] { "cfonb120", "camt053", "mt940" })
            {
                var of = points.Where(p => Text(p, "format") == format).GroupBy(p => Text(p, "parser").Replace(" " + format, "", StringComparison.Ordinal)).ToList();
                if (of.Count == 0) continue;
                charts[$"parse-{format}-time.svg"] = Line($"Parse {FormatName(format)}: time against size (whole process)", "entries", "seconds",
                    of.Select(g => new Series(g.Key, g.Select(p => (Num(p, "entries"), Num(p, "medianSeconds"))).OrderBy(p => p.Item1).ToList())).ToList());
                charts[$"parse-{format}-memory.svg"] = Line($"Parse {FormatName(format)}: peak memory against size", "entries", "peak RSS, MB",
                    of.Select(g => new Series(g.Key, g.Select(p => (Num(p, "entries"), Num(p, "peakMb"))).OrderBy(p => p.Item1).ToList())).ToList());
            }
        }
        if (results["match"]?["sizes"] is JsonArray match)
        {
            var sizes = match.OfType<JsonObject>().OrderBy(p => Num(p, "entries")).ToList();
            charts["match-time.svg"] = Line("Matching: time against size", "entries", "seconds",
                [new Series("index + match", sizes.Select(p => (Num(p, "entries"), Num(p, "medianSeconds"))).ToList())]);
            charts["match-memory.svg"] = Line("Matching: peak memory against size (its own process)", "entries", "peak RSS, MB",
                [new Series("peak RSS", sizes.Select(p => (Num(p, "entries"), Num(p, "peakMb"))).ToList())]);
        }
        if (results["lookup"]?["curve"] is JsonArray curve)
        {
            var c = curve.OfType<JsonObject>().OrderBy(p => Num(p, "rate")).ToList();
            charts["lookup-latency.svg"] = Line("Tenant lookup: latency against load (open loop)", "offered rate, req/s", "latency, ms",
            [
                new Series("lookup p50", c.Select(p => (Num(p, "rate"), Num(p, "p50Ms"))).ToList()),
                new Series("lookup p99", c.Select(p => (Num(p, "rate"), Num(p, "p99Ms"))).ToList()),
                new Series("static 200 p50", c.Select(p => (Num(p, "rate"), Num(p, "staticP50Ms"))).ToList()),
                new Series("static 200 p99", c.Select(p => (Num(p, "rate"), Num(p, "staticP99Ms"))).ToList()),
            ]);
        }
        return charts;
    }

    public static string Line(string title, string xLabel, string yLabel, IReadOnlyList<Series> series)
    {
        const int w = 720, h = 420, left = 70, right = 200, top = 40, bottom = 50;
        var all = series.SelectMany(s => s.Points).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        var xMax = Nice(all.Count > 0 ? all.Max(p => p.X) : 1);
        var yMax = Nice(all.Count > 0 ? all.Max(p => p.Y) : 1);
        double Px(double x) => left + x / xMax * (w - left - right);
        double Py(double y) => h - bottom - y / yMax * (h - top - bottom);
        var svg = new StringBuilder();
        svg.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append(Inv, $"<rect width=\"{w}\" height=\"{h}\" fill=\"white\"/>\n<text x=\"{w / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"14\">{E(title)}</text>\n");
        for (var i = 0; i <= 5; i++)
        {
            var y = yMax * i / 5;
            var x = xMax * i / 5;
            svg.Append(Inv, $"<line x1=\"{left}\" y1=\"{Py(y):0.#}\" x2=\"{w - right}\" y2=\"{Py(y):0.#}\" stroke=\"#ddd\"/><text x=\"{left - 6}\" y=\"{Py(y) + 4:0.#}\" text-anchor=\"end\">{Tick(y)}</text>\n");
            svg.Append(Inv, $"<text x=\"{Px(x):0.#}\" y=\"{h - bottom + 18}\" text-anchor=\"middle\">{Tick(x)}</text>\n");
        }
        svg.Append(Inv, $"<line x1=\"{left}\" y1=\"{h - bottom}\" x2=\"{w - right}\" y2=\"{h - bottom}\" stroke=\"black\"/><line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{h - bottom}\" stroke=\"black\"/>\n");
        svg.Append(Inv, $"<text x=\"{(left + w - right) / 2}\" y=\"{h - 12}\" text-anchor=\"middle\">{E(xLabel)}</text>\n");
        svg.Append(Inv, $"<text x=\"16\" y=\"{(top + h - bottom) / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 16 {(top + h - bottom) / 2})\">{E(yLabel)}</text>\n");
        for (var i = 0; i < series.Count; i++)
        {
            var colour = Colours[i % Colours.Length];
            var pts = series[i].Points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
            if (pts.Count > 1) svg.Append(Inv, $"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{string.Join(' ', pts.Select(p => $"{Px(p.X):0.#},{Py(p.Y):0.#}"))}\"/>\n");
            foreach (var p in pts) svg.Append(Inv, $"<circle cx=\"{Px(p.X):0.#}\" cy=\"{Py(p.Y):0.#}\" r=\"3\" fill=\"{colour}\"/>\n");
            svg.Append(Inv, $"<rect x=\"{w - right + 12}\" y=\"{top + i * 18}\" width=\"12\" height=\"12\" fill=\"{colour}\"/><text x=\"{w - right + 30}\" y=\"{top + i * 18 + 10}\">{E(series[i].Name)}</text>\n");
        }
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The smallest 1, 2 or 5 × 10^k at or above the maximum, so that the ticks are round.</summary>
    private static double Nice(double max)
    {
        if (max <= 0 || !double.IsFinite(max)) return 1;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 }) if (step * magnitude >= max) return step * magnitude;
        return 10 * magnitude;
    }

    private static string Tick(double v) => v >= 10_000 ? (v / 1000).ToString("0.#", Inv) + "k" : v.ToString(v >= 10 ? "0" : "0.##", Inv);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
