using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Flask.Testing;
using static Flask.Cli.Reports.HtmlReport;

namespace Flask.Cli.Reports;

/// <summary>
/// The run history's figures as inline SVG (no script): a skill's line over runs with the gate's baseline marked, and a
/// test's score history as a sparkline. Both on the fixed 1–5 scale, so a flat line means a flat score; a run without a
/// score breaks the line (a gap), never drawn as a zero. Every text from the store is HTML-encoded.
/// </summary>
internal static class TrendCharts
{
    /// <summary>Runs in a test's score history (a sparkline): the stored run's and those of its project before it.</summary>
    public const int HistoryRuns = 20;

    private const double Width = 760, Height = 240, Left = 36, Right = 96, Top = 14, Bottom = 64;

    /// <summary>A skill over the trend's runs: a point per run with a score, the run's commit on the axis, the baseline dashed.</summary>
    public static string Line(RunTrend trend, SkillTrend skill)
    {
        int n = trend.Runs.Count;
        double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (n == 1 ? plotWidth / 2 : plotWidth * i / (n - 1));
        double Y(double score) => Top + plotHeight * (ScoringRubric.MaxScore - score) / (ScoringRubric.MaxScore - ScoringRubric.MinScore);

        var svg = new StringBuilder(Invariant($"<svg class=\"trend\" role=\"img\" aria-label=\"{E(skill.Name)}: mean score per run, oldest first\" viewBox=\"0 0 {Width} {Height}\">"));
        for (int score = ScoringRubric.MinScore; score <= ScoringRubric.MaxScore; score++)
        {
            svg.Append(Invariant($"<line class=\"grid\" x1=\"{Left}\" y1=\"{Y(score):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(score):0.#}\" stroke=\"#e3e3e3\"/>"))
                .Append(Invariant($"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Y(score) + 4:0.#}\" text-anchor=\"end\" fill=\"#777\">{score}</text>"));
        }
        if (skill.Baseline is { } baseline)
        {
            double threshold = Math.Max(ScoringRubric.MinScore, baseline - trend.Tolerance);
            svg.Append(Invariant($"<line class=\"baseline\" x1=\"{Left}\" y1=\"{Y(baseline):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(baseline):0.#}\" stroke=\"#2ca02c\" stroke-dasharray=\"6 4\"><title>gate baseline: {baseline:0.00}</title></line>"))
                .Append(Invariant($"<text class=\"baseline-label\" x=\"{Width - Right + 4}\" y=\"{Y(baseline) + 4:0.#}\" fill=\"#2ca02c\">baseline {baseline:0.00}</text>"))
                .Append(Invariant($"<line class=\"tolerance\" x1=\"{Left}\" y1=\"{Y(threshold):0.#}\" x2=\"{Width - Right}\" y2=\"{Y(threshold):0.#}\" stroke=\"#d62728\" stroke-dasharray=\"2 3\"><title>baseline − tolerance: {threshold:0.00}</title></line>"))
                .Append(Invariant($"<text class=\"tolerance-label\" x=\"{Width - Right + 4}\" y=\"{Y(threshold) + 4:0.#}\" fill=\"#d62728\">−{trend.Tolerance:0.00}</text>"));
        }
        // Axis labels: every run's commit when they fit, else every k-th (each point's tooltip names its run).
        int every = Math.Max(1, (int)Math.Ceiling(n / 30d));
        for (int i = 0; i < n; i++)
        {
            if (i % every != 0 && i != n - 1)
                continue;
            svg.Append(Invariant($"<text class=\"run-label\" x=\"{X(i):0.#}\" y=\"{Height - Bottom + 12:0.#}\" text-anchor=\"end\" transform=\"rotate(-45 {X(i):0.#} {Height - Bottom + 12:0.#})\" fill=\"#555\">{E(RunTrend.Label(trend.Runs[i]))}</text>"));
        }
        foreach (var segment in Segments(skill.Points.Select(p => p.Mean).ToArray()))
            svg.Append("<polyline class=\"line\" fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"2\" points=\"")
                .AppendJoin(' ', segment.Select(i => Invariant($"{X(i):0.#},{Y(skill.Points[i].Mean!.Value):0.#}"))).Append("\"/>");
        for (int i = 0; i < n; i++)
        {
            TrendPoint point = skill.Points[i];
            string run = Describe(trend.Runs[i]);
            if (point.Mean is { } mean)
                svg.Append(Invariant($"<circle class=\"point\" cx=\"{X(i):0.#}\" cy=\"{Y(mean):0.#}\" r=\"3.5\" fill=\"#1f77b4\"><title>{E(run)}: {mean:0.00} (n={point.Count})</title></circle>"));
            else
                svg.Append(Invariant($"<line class=\"gap\" x1=\"{X(i):0.#}\" y1=\"{Top}\" x2=\"{X(i):0.#}\" y2=\"{Height - Bottom}\" stroke=\"#bbb\" stroke-dasharray=\"1 3\"><title>{E(run)}: no score for {E(skill.Name)}</title></line>"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A test's scores of one skill over runs, as a small line on the 1–5 scale; the tooltip lists each run's score.</summary>
    public static string Sparkline(IReadOnlyList<double?> scores, IReadOnlyList<RunInfo> runs)
    {
        const double width = 120, height = 26, pad = 3;
        int n = scores.Count;
        double X(int i) => pad + (n == 1 ? (width - 2 * pad) / 2 : (width - 2 * pad) * i / (n - 1));
        double Y(double score) => pad + (height - 2 * pad) * (ScoringRubric.MaxScore - score) / (ScoringRubric.MaxScore - ScoringRubric.MinScore);
        var svg = new StringBuilder(Invariant($"<svg class=\"sparkline\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\"><title>"))
            .AppendJoin("; ", scores.Select((s, i) => E(RunTrend.Label(runs[i])) + ": " + (s is { } v ? v.ToString("0.##", CultureInfo.InvariantCulture) : "–")))
            .Append("</title>")
            .Append(Invariant($"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#fafafa\"/>"));
        foreach (var segment in Segments([.. scores]))
            svg.Append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"")
                .AppendJoin(' ', segment.Select(i => Invariant($"{X(i):0.#},{Y(scores[i]!.Value):0.#}"))).Append("\"/>");
        for (int i = 0; i < n; i++)
        {
            if (scores[i] is { } s)
                svg.Append(Invariant($"<circle cx=\"{X(i):0.#}\" cy=\"{Y(s):0.#}\" r=\"{(i == n - 1 ? 2.5 : 1.2)}\" fill=\"#1f77b4\"/>"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>A run in a tooltip: "run 12 · 2026-11-29 09:12 UTC · main@3f2a9c1".</summary>
    public static string Describe(RunInfo run) => string.Create(CultureInfo.InvariantCulture,
        $"run {run.Id} · {run.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC · {RunTrend.Checkout(run)}");

    /// <summary>The runs of consecutive indices with a value: a line is drawn through each, and broken at every gap.</summary>
    private static IEnumerable<List<int>> Segments(double?[] values)
    {
        var segment = new List<int>();
        for (int i = 0; i < values.Length; i++)
        {
            if (values[i] is not null)
            {
                segment.Add(i);
                continue;
            }
            if (segment.Count > 0)
                yield return segment;
            segment = [];
        }
        if (segment.Count > 0)
            yield return segment;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
