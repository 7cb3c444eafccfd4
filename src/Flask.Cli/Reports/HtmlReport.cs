using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Flask.Testing.Analysis;

namespace Flask.Cli.Reports;

/// <summary>
/// A self-contained HTML page: a radar chart of skills per model as in the FLASK paper, bar charts per domain and
/// difficulty, tables, and the lowest-scored responses. Inline SVG and CSS, no script, nothing fetched; every text from
/// the data is HTML-encoded, so a response containing markup shows as text.
/// </summary>
internal static class HtmlReport
{
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

    public static string Render(IReadOnlyList<ModelAnalysis> models)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>FLASK report</title>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:1100px}
            table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right}
            th:first-child,td:first-child{text-align:left}.legend span{margin-right:1rem}.swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem}
            pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem;max-height:12rem;overflow:auto}svg text{font-size:11px}
            </style></head><body>
            <h1>FLASK report</h1>
            <p>Averages over scored (response, skill) pairs, as FLASK computes them; N/A and judge errors are left out. ± is the 95 % confidence interval.</p>
            """);
        html.Append("<p class=\"legend\">");
        for (int m = 0; m < models.Count; m++)
            html.Append(CultureInfo.InvariantCulture, $"<span><i class=\"swatch\" style=\"background:{Colors[m % Colors.Length]}\"></i>{E(models[m].Model)}: {models[m].Responses} responses, {models[m].NotApplicable} N/A, {models[m].JudgeErrors} judge errors, {models[m].Unrequested} unrequested{(models[m].UnrequestedAveraged ? " (averaged)" : string.Empty)}</span>");
        html.Append("</p>");

        html.Append("<h2>Skills</h2>").Append(Radar(models)).Append(Table(models, m => m.Skills));
        html.Append("<h2>Abilities</h2>").Append(Table(models, m => m.Abilities));
        html.Append("<h2>Domains</h2>").Append(Bars(models, m => m.Domains, "domains")).Append(Table(models, m => m.Domains));
        html.Append("<h2>Difficulty</h2>").Append(Bars(models, m => m.Difficulties, "difficulty")).Append(Table(models, m => m.Difficulties));
        html.Append("<h2>Skill × difficulty</h2>").Append(Table(models, m => m.SkillByDifficulty));
        html.Append("<h2>").Append(E(ExpertLevel.Title)).Append("</h2><p>").Append(E(ExpertLevel.Note.Replace("`", string.Empty, StringComparison.Ordinal))).Append("</p>").Append(Table(models, m => m.Hard));
        html.Append("<h2>Lowest-scored responses</h2>");
        foreach (ModelAnalysis model in models)
        {
            foreach (var response in model.Lowest)
            {
                html.Append(CultureInfo.InvariantCulture, $"<details class=\"lowest\"><summary>{E(model.Model)} · {E(response.Id)} · ")
                    .AppendJoin(", ", response.Skills.Select(s => $"{E(s.Name)} {(s.Score?.ToString("0.#", CultureInfo.InvariantCulture) ?? E(Flask.Testing.FlaskEvaluator.StatusName(s.Status)))}"))
                    .Append("</summary><p><b>Instruction</b></p><pre>").Append(E(response.Instruction)).Append("</pre>")
                    .Append("<p><b>Response</b></p><pre class=\"response\">").Append(E(response.Response ?? "(not kept)")).Append("</pre>")
                    .Append("<p><b>Feedback</b></p><pre>").AppendJoin("\n", response.Skills.Select(s => E($"{s.Name}: {s.Feedback ?? "(the review below)"}"))).Append("</pre>")
                    .Append(response.Review is null ? string.Empty : $"<p><b>Review</b></p><pre>{E(response.Review)}</pre>").Append("</details>");
            }
        }
        html.Append("</body></html>\n");
        return html.ToString();
    }

    private static string Radar(IReadOnlyList<ModelAnalysis> models)
    {
        GroupScore[] axes = [.. models.SelectMany(m => m.Skills).GroupBy(g => g.Key).Select(g => g.First())];
        if (axes.Length < 3)
            return string.Empty;
        const double size = 640, center = size / 2, radius = 200;
        (double X, double Y) Point(int axis, double value) => (
            center + radius * value / 5 * Math.Sin(2 * Math.PI * axis / axes.Length),
            center - radius * value / 5 * Math.Cos(2 * Math.PI * axis / axes.Length));
        var svg = new StringBuilder(FormattableString.Invariant($"<svg class=\"radar\" role=\"img\" aria-label=\"Skill scores per model\" width=\"{size}\" height=\"{size}\" viewBox=\"0 0 {size} {size}\">"));
        for (int ring = 1; ring <= 5; ring++)
            svg.Append(FormattableString.Invariant($"<polygon points=\"{string.Join(" ", axes.Select((_, i) => Point(i, ring)).Select(p => FormattableString.Invariant($"{p.X:0.#},{p.Y:0.#}")))}\" fill=\"none\" stroke=\"#ddd\"/>"));
        for (int i = 0; i < axes.Length; i++)
        {
            var (x, y) = Point(i, 5);
            var (lx, ly) = Point(i, 5.9);
            svg.Append(FormattableString.Invariant($"<line x1=\"{center}\" y1=\"{center}\" x2=\"{x:0.#}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>"))
                .Append(FormattableString.Invariant($"<text x=\"{lx:0.#}\" y=\"{ly:0.#}\" text-anchor=\"middle\">{E(axes[i].Label)}</text>"));
        }
        for (int m = 0; m < models.Count; m++)
        {
            var points = axes.Select((axis, i) => Point(i, models[m].Skills.FirstOrDefault(g => g.Key == axis.Key)?.Mean ?? 0));
            svg.Append(FormattableString.Invariant($"<polygon class=\"model\" points=\"{string.Join(" ", points.Select(p => FormattableString.Invariant($"{p.X:0.#},{p.Y:0.#}")))}\" fill=\"{Colors[m % Colors.Length]}\" fill-opacity=\"0.15\" stroke=\"{Colors[m % Colors.Length]}\" stroke-width=\"2\"><title>{E(models[m].Model)}</title></polygon>"));
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Bars(IReadOnlyList<ModelAnalysis> models, Func<ModelAnalysis, IReadOnlyList<GroupScore>> groups, string name)
    {
        GroupScore[] keys = [.. models.SelectMany(groups).GroupBy(g => g.Key).Select(g => g.First())];
        if (keys.Length == 0)
            return string.Empty;
        const double barHeight = 12, gap = 10, labelWidth = 210, scale = 120;
        double rowHeight = models.Count * barHeight + gap;
        double height = keys.Length * rowHeight + 20;
        var svg = new StringBuilder(FormattableString.Invariant($"<svg class=\"bars {name}\" role=\"img\" width=\"{labelWidth + 5 * scale + 60}\" height=\"{height}\">"));
        for (int k = 0; k < keys.Length; k++)
        {
            double top = k * rowHeight;
            svg.Append(FormattableString.Invariant($"<text x=\"0\" y=\"{top + rowHeight / 2:0.#}\">{E(keys[k].Label)}</text>"));
            for (int m = 0; m < models.Count; m++)
            {
                double mean = groups(models[m]).FirstOrDefault(g => g.Key == keys[k].Key)?.Mean ?? 0;
                svg.Append(FormattableString.Invariant($"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{top + m * barHeight:0.#}\" width=\"{mean * scale:0.#}\" height=\"{barHeight - 2}\" fill=\"{Colors[m % Colors.Length]}\"><title>{E(models[m].Model)}: {mean:0.00}</title></rect>"))
                    .Append(FormattableString.Invariant($"<text x=\"{labelWidth + mean * scale + 4:0.#}\" y=\"{top + m * barHeight + barHeight - 3:0.#}\">{mean:0.00}</text>"));
            }
        }
        return svg.Append("</svg>").ToString();
    }

    private static string Table(IReadOnlyList<ModelAnalysis> models, Func<ModelAnalysis, IReadOnlyList<GroupScore>> groups)
    {
        GroupScore[] keys = [.. models.SelectMany(groups).GroupBy(g => g.Key).Select(g => g.First())];
        var table = new StringBuilder("<table><tr><th></th>");
        foreach (ModelAnalysis model in models)
            table.Append("<th>").Append(E(model.Model)).Append("</th>");
        table.Append("</tr>");
        foreach (GroupScore key in keys)
        {
            table.Append("<tr><td>").Append(E(key.Label)).Append("</td>");
            foreach (ModelAnalysis model in models)
            {
                GroupScore? group = groups(model).FirstOrDefault(g => g.Key == key.Key);
                table.Append("<td>").Append(group?.Mean is { } mean
                    ? FormattableString.Invariant($"{mean:0.00} ±{(group.High is { } high ? high - mean : 0):0.00} <small>(n={group.Count})</small>")
                    : "–").Append("</td>");
            }
            table.Append("</tr>");
        }
        return table.Append("</table>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
