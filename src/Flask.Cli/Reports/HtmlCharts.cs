using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Flask.Testing.Analysis;
using Flask.Testing;
using static Flask.Cli.Reports.HtmlReport;

namespace Flask.Cli.Reports;

/// <summary>The report's figures as inline SVG and HTML tables: the paper's radar, bars, and heatmaps of means.</summary>
internal static class HtmlCharts
{
    /// <summary>One colour per model or run, in the order given (the legend's order).</summary>
    public static string ColorOf(int model) => Colors[model % Colors.Length];

    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

    /// <summary>
    /// FLASK's radar: one axis per skill present, rings at scores 1 to 5 labelled on the upright axis, one polygon per
    /// model with a marker and a tooltip per skill. A skill a model has no score for has no point: its outline breaks there.
    /// </summary>
    public static string Radar(IReadOnlyList<ModelAnalysis> models)
    {
        GroupScore[] axes = [.. models.SelectMany(m => m.Skills).GroupBy(g => g.Key).Select(g => g.First())];
        if (axes.Length < 3)
            return "<p>The radar needs at least three skills; see the table below.</p>";
        const double width = 760, height = 640, cx = width / 2, cy = height / 2, radius = 230;
        (double X, double Y) Point(int axis, double value) => (
            cx + radius * value / ScoringRubric.MaxScore * Math.Sin(2 * Math.PI * axis / axes.Length),
            cy - radius * value / ScoringRubric.MaxScore * Math.Cos(2 * Math.PI * axis / axes.Length));
        static string Points(IEnumerable<(double X, double Y)> points) => string.Join(" ", points.Select(p => Invariant($"{p.X:0.#},{p.Y:0.#}")));

        var svg = new StringBuilder(Invariant($"<svg class=\"radar\" role=\"img\" aria-label=\"Mean score per skill, one polygon per model\" viewBox=\"0 0 {width} {height}\">"));
        for (int ring = ScoringRubric.MinScore; ring <= ScoringRubric.MaxScore; ring++)
        {
            svg.Append(Invariant($"<polygon class=\"ring\" points=\"{Points(axes.Select((_, i) => Point(i, ring)))}\" fill=\"none\" stroke=\"{(ring == ScoringRubric.MaxScore ? "#999" : "#ddd")}\"/>"));
            var (_, y) = Point(0, ring);
            svg.Append(Invariant($"<text class=\"ring-label\" x=\"{cx + 4:0.#}\" y=\"{y - 3:0.#}\" fill=\"#777\">{ring}</text>"));
        }
        for (int i = 0; i < axes.Length; i++)
        {
            var (x, y) = Point(i, ScoringRubric.MaxScore);
            var (lx, ly) = Point(i, ScoringRubric.MaxScore + 0.45);
            double sin = Math.Sin(2 * Math.PI * i / axes.Length), cos = Math.Cos(2 * Math.PI * i / axes.Length);
            string anchor = sin > 0.15 ? "start" : sin < -0.15 ? "end" : "middle";
            double dy = cos < -0.5 ? 10 : cos > 0.5 ? -2 : 4;
            svg.Append(Invariant($"<line x1=\"{cx}\" y1=\"{cy}\" x2=\"{x:0.#}\" y2=\"{y:0.#}\" stroke=\"#ddd\"/>"))
                .Append(Invariant($"<text class=\"axis-label\" x=\"{lx:0.#}\" y=\"{ly + dy:0.#}\" text-anchor=\"{anchor}\">{E(axes[i].Label)}</text>"));
        }
        for (int m = 0; m < models.Count; m++)
        {
            GroupScore?[] values = [.. axes.Select(axis => models[m].Skills.FirstOrDefault(g => g.Key == axis.Key))];
            if (values.All(v => v?.Mean is not null))
                svg.Append(Invariant($"<polygon class=\"model\" points=\"{Points(values.Select((v, i) => Point(i, v!.Mean!.Value)))}\" fill=\"{ColorOf(m)}\" fill-opacity=\"0.12\" stroke=\"{ColorOf(m)}\" stroke-width=\"2\"><title>{E(models[m].Model)}</title></polygon>"));
            else
            {
                // A skill the model was never scored on has no point: the outline breaks there instead of dropping to 0,
                // a score the judge never wrote (the heatmap shows "–" for it).
                for (int start = 0; start < axes.Length; start++)
                {
                    if (values[start]?.Mean is null || (start > 0 && values[start - 1]?.Mean is not null))
                        continue;
                    int end = start;
                    while (end + 1 < axes.Length && values[end + 1]?.Mean is not null)
                        end++;
                    if (end == axes.Length - 1 && values[0]?.Mean is not null && start > 0)
                        end = axes.Length; // the run wraps round to the first axis
                    if (end > start)
                        svg.Append(Invariant($"<polyline class=\"model\" points=\"{Points(Enumerable.Range(start, end - start + 1).Select(i => Point(i % axes.Length, values[i % axes.Length]!.Mean!.Value)))}\" fill=\"none\" stroke=\"{ColorOf(m)}\" stroke-width=\"2\"><title>{E(models[m].Model)}</title></polyline>"));
                }
            }
            for (int i = 0; i < axes.Length; i++)
            {
                if (values[i]?.Mean is not { } mean)
                    continue;
                var (x, y) = Point(i, mean);
                svg.Append(Invariant($"<circle cx=\"{x:0.#}\" cy=\"{y:0.#}\" r=\"3.5\" fill=\"{ColorOf(m)}\"><title>{E(models[m].Model)} · {E(axes[i].Label)}: {mean:0.00} {values[i]!.IntervalText()} (n={values[i]!.Count})</title></circle>"));
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>The models' colours and names, for the figures above it.</summary>
    public static string Legend(IReadOnlyList<ModelAnalysis> models)
    {
        var legend = new StringBuilder("<p class=\"legend\">");
        for (int m = 0; m < models.Count; m++)
            legend.Append(Invariant($"<span><i class=\"swatch\" style=\"background:{ColorOf(m)}\"></i>{E(models[m].Model)}</span>"));
        return legend.Append("</p>").ToString();
    }

    /// <summary>Horizontal bars of the means per group, one bar per model, as the paper's domain and difficulty figures.</summary>
    public static string Bars(IReadOnlyList<ModelAnalysis> models, Func<ModelAnalysis, IReadOnlyList<GroupScore>> groups, string name)
    {
        GroupScore[] keys = [.. models.SelectMany(groups).GroupBy(g => g.Key).Select(g => g.First())];
        if (keys.Length == 0)
            return string.Empty;
        const double barHeight = 12, gap = 10, labelWidth = 210, scale = 120;
        double rowHeight = models.Count * barHeight + gap;
        double height = keys.Length * rowHeight + 20;
        var svg = new StringBuilder(Invariant($"<svg class=\"bars {name}\" role=\"img\" width=\"{labelWidth + 5 * scale + 60}\" height=\"{height}\">"));
        for (int k = 0; k < keys.Length; k++)
        {
            double top = k * rowHeight;
            svg.Append(Invariant($"<text x=\"0\" y=\"{top + rowHeight / 2:0.#}\">{E(keys[k].Label)}</text>"));
            for (int m = 0; m < models.Count; m++)
            {
                if (groups(models[m]).FirstOrDefault(g => g.Key == keys[k].Key)?.Mean is not { } mean)
                    continue;
                svg.Append(Invariant($"<rect class=\"bar\" x=\"{labelWidth}\" y=\"{top + m * barHeight:0.#}\" width=\"{mean * scale:0.#}\" height=\"{barHeight - 2}\" fill=\"{ColorOf(m)}\"><title>{E(models[m].Model)}: {mean:0.00}</title></rect>"))
                    .Append(Invariant($"<text x=\"{labelWidth + mean * scale + 4:0.#}\" y=\"{top + m * barHeight + barHeight - 3:0.#}\">{mean:0.00}</text>"));
            }
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>
    /// A heatmap table: a row per group, a column per model (<paramref name="models"/>' groups picked by
    /// <paramref name="groups"/>), each cell coloured by its mean and showing mean, interval and n.
    /// </summary>
    public static string Heatmap(IReadOnlyList<ModelAnalysis> models, Func<ModelAnalysis, IReadOnlyList<GroupScore>> groups, string name)
    {
        GroupScore[] keys = [.. models.SelectMany(groups).GroupBy(g => g.Key).Select(g => g.First())];
        if (keys.Length == 0)
            return "<p>Nothing scored.</p>";
        var table = new StringBuilder(Invariant($"<table class=\"heatmap {name}\"><thead><tr><th></th>"));
        foreach (ModelAnalysis model in models)
            table.Append("<th>").Append(E(model.Model)).Append("</th>");
        table.Append("</tr></thead><tbody>");
        foreach (GroupScore key in keys)
        {
            table.Append("<tr><th>").Append(E(key.Label)).Append("</th>");
            foreach (ModelAnalysis model in models)
                table.Append(Cell(groups(model).FirstOrDefault(g => g.Key == key.Key), showInterval: true));
            table.Append("</tr>");
        }
        return table.Append("</tbody></table>").ToString();
    }

    /// <summary>
    /// Skill × difficulty for one model as a heatmap: a row per skill, a column per difficulty level present (keys of
    /// the form "skill|level", as the analysis writes them); the interval is in each cell's tooltip.
    /// </summary>
    public static string SkillByDifficulty(ModelAnalysis model, IReadOnlyList<GroupScore> difficulties)
    {
        var cells = model.SkillByDifficulty.ToDictionary(g => g.Key, StringComparer.Ordinal);
        if (cells.Count == 0)
            return "<p>No difficulty annotated.</p>";
        var table = new StringBuilder("<table class=\"heatmap skill-difficulty\"><caption>").Append(E(model.Model)).Append("</caption><thead><tr><th>Skill</th>");
        foreach (GroupScore level in difficulties)
            table.Append("<th>").Append(E(level.Label)).Append("</th>");
        table.Append("</tr></thead><tbody>");
        foreach (GroupScore skill in model.Skills)
        {
            table.Append("<tr><th>").Append(E(skill.Label)).Append("</th>");
            foreach (GroupScore level in difficulties)
                table.Append(Cell(cells.GetValueOrDefault($"{skill.Key}|{level.Key}"), showInterval: false));
            table.Append("</tr>");
        }
        return table.Append("</tbody></table>").ToString();
    }

    /// <summary>The colour scale of the heatmaps, 1 to 5.</summary>
    public static string Scale()
    {
        var scale = new StringBuilder("<p class=\"scale\">Colour scale: ");
        for (int score = ScoringRubric.MinScore; score <= ScoringRubric.MaxScore; score++)
            scale.Append(Invariant($"<span style=\"background:{Heat(score)}\">{score}</span>"));
        return scale.Append(" · “–”: nothing scored, or no interval for fewer than two scores.</p>").ToString();
    }

    private static string Cell(GroupScore? group, bool showInterval)
    {
        if (group?.Mean is not { } mean)
            return "<td class=\"none\" title=\"nothing scored\">–</td>";
        string detail = Invariant($"{group.IntervalText()} n={group.Count}");
        return Invariant($"<td style=\"background:{Heat(mean)}\" title=\"{E($"mean {mean:0.00}, 95 % CI {group.IntervalText()}, n={group.Count}")}\">{mean:0.00}") +
            (showInterval ? $"<small>{E(detail)}</small>" : Invariant($"<small>n={group.Count}</small>")) + "</td>";
    }

    /// <summary>Red at 1, yellow at 3, green at 5: light enough for black text.</summary>
    internal static string Heat(double mean)
    {
        double t = Math.Clamp((mean - ScoringRubric.MinScore) / (ScoringRubric.MaxScore - ScoringRubric.MinScore), 0, 1);
        (int R, int G, int B) low = (0xf4, 0x8a, 0x7e), mid = (0xfd, 0xe6, 0x8a), high = (0x8c, 0xd1, 0x7d);
        var (a, b, f) = t < 0.5 ? (low, mid, t * 2) : (mid, high, (t - 0.5) * 2);
        return string.Create(CultureInfo.InvariantCulture, $"#{Mix(a.R, b.R, f):x2}{Mix(a.G, b.G, f):x2}{Mix(a.B, b.B, f):x2}");
    }

    private static int Mix(int from, int to, double f) => (int)Math.Round(from + (to - from) * f);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
