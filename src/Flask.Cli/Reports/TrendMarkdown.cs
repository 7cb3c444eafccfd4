using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Flask.Testing;
using Flask.Testing.Analysis;

namespace Flask.Cli.Reports;

/// <summary>
/// <c>dotnet flask trend</c> as Markdown: per skill a unicode sparkline and its first and last means, then a table of
/// runs (run → each skill's mean). A run without a score for a skill is "–" in the table and "·" in the sparkline.
/// </summary>
internal static class TrendMarkdown
{
    /// <summary>Eight levels on the fixed 1–5 scale (not the data's range: a flat score stays a flat line).</summary>
    private const string Levels = "▁▂▃▄▅▆▇█";

    /// <summary>Where a run has no score.</summary>
    public const char Gap = '·';

    public static string Render(RunTrend trend, string title)
    {
        var md = new StringBuilder();
        md.Append("# FLASK trend: ").Append(MarkdownReport.Escape(title)).Append("\n\n");
        md.Append(CultureInfo.InvariantCulture, $"{trend.Runs.Count} run(s), oldest first: {Span(trend.Runs)}. ")
            .Append("Each mean is over the run's scored (test, skill) pairs (N/A and judge errors left out); ")
            .Append(CultureInfo.InvariantCulture, $"“–” (and “{Gap}” in a trend) where a run has no score for the skill: a gap, not a zero.\n\n");
        bool baseline = trend.Skills.Any(s => s.Baseline is not null);
        md.Append("| Skill | Trend | First | Last |").Append(baseline ? " Baseline |" : string.Empty).Append("\n|---|---|---:|---:|").Append(baseline ? "---:|" : string.Empty).Append('\n');
        foreach (SkillTrend skill in trend.Skills)
        {
            double?[] means = [.. skill.Points.Select(p => p.Mean)];
            md.Append("| ").Append(MarkdownReport.Escape(skill.Name)).Append(" | ").Append(Sparkline(means)).Append(" | ")
                .Append(Mean(means.FirstOrDefault(m => m is not null))).Append(" | ").Append(Mean(means.LastOrDefault(m => m is not null))).Append(" |");
            if (baseline)
                md.Append(' ').Append(Mean(skill.Baseline)).Append(" |");
            md.Append('\n');
        }
        if (baseline)
            md.Append(CultureInfo.InvariantCulture, $"\nBaseline: each skill's mean in the gate's baseline; the gate fails a skill whose paired drop is significant and at least {trend.Tolerance:0.00}.\n");

        md.Append("\n## Per run\n\n| Run | Recorded (UTC) | Commit |").AppendJoin("", trend.Skills.Select(s => $" {MarkdownReport.Escape(s.Name)} |"))
            .Append("\n|---:|---|---|").Append(string.Concat(Enumerable.Repeat("---:|", trend.Skills.Count))).Append('\n');
        for (int i = 0; i < trend.Runs.Count; i++)
        {
            RunInfo run = trend.Runs[i];
            md.Append(CultureInfo.InvariantCulture, $"| {run.Id} | {run.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm} | ")
                .Append(MarkdownReport.Escape(RunTrend.Checkout(run))).Append(" |");
            foreach (SkillTrend skill in trend.Skills)
            {
                TrendPoint point = skill.Points[i];
                md.Append(' ').Append(point.Mean is { } mean ? string.Create(CultureInfo.InvariantCulture, $"{mean:0.00} (n={point.Count})") : "–").Append(" |");
            }
            md.Append('\n');
        }
        // Runs that did not judge everything they selected: their means are over fewer tests (docs/history.md).
        string[] incomplete = [.. trend.Runs.Select(r => r.IncompleteNote).OfType<string>()];
        if (incomplete.Length > 0)
            md.Append("\nIncomplete: ").AppendJoin("; ", incomplete.Select(MarkdownReport.Escape)).Append(".\n");
        return md.ToString();
    }

    /// <summary>One character per value: ▁ at 1 … █ at 5, <see cref="Gap"/> where there is none.</summary>
    public static string Sparkline(IEnumerable<double?> values) => string.Concat(values.Select(v => v is { } x
        ? Levels[Math.Clamp((int)Math.Round((x - ScoringRubric.MinScore) / (ScoringRubric.MaxScore - ScoringRubric.MinScore) * (Levels.Length - 1), MidpointRounding.AwayFromZero), 0, Levels.Length - 1)]
        : Gap));

    /// <summary>"run 3 (2026-11-20) … run 14 (2026-11-29)".</summary>
    public static string Span(IReadOnlyList<RunInfo> runs) => runs.Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture,
        $"run {runs[0].Id} ({runs[0].RecordedAt.UtcDateTime:yyyy-MM-dd}) … run {runs[^1].Id} ({runs[^1].RecordedAt.UtcDateTime:yyyy-MM-dd})");

    private static string Mean(double? mean) => mean is { } m ? m.ToString("0.00", CultureInfo.InvariantCulture) : "–";
}
