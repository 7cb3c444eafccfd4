using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using Flask.Testing;

namespace Flask.Cli.Reports;

/// <summary>
/// <c>dotnet flask compare</c> as one self-contained page: every text from the runs HTML-encoded, no script, and a
/// Content-Security-Policy that would refuse one.
/// </summary>
internal static class CompareHtml
{
    /// <summary>The page; with <paramref name="history"/>, each moved skill also shows its test's scores over those runs (a sparkline).</summary>
    public static string Render(RunComparison c, string before, string after, ScoreHistory? history = null, IReadOnlyList<string>? incomplete = null)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <title>FLASK compare</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem}
            td.n{text-align:right}.bad{color:#b00020;font-weight:bold}del{background:#fdd}ins{background:#dfd;text-decoration:none}
            .side{display:grid;grid-template-columns:1fr 1fr;gap:1rem}pre{white-space:pre-wrap;background:#f6f6f6;padding:.5rem}.note{color:#555}
            </style></head><body>
            """);
        html.Append(CultureInfo.InvariantCulture, $"<h1>FLASK compare: {E(after)} against {E(before)}</h1>\n");
        foreach (string note in incomplete ?? [])
            html.Append("<p class=bad>Incomplete: ").Append(E(note)).Append(".</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<table><tr><th>Skill</th><th>Pairs</th><th>Before</th><th>After</th><th>Change</th><th>{c.Gate.Options.Confidence * 100:0.##} % CI</th><th>Tests worse</th><th>Gate</th></tr>\n");
        foreach (SkillComparison s in c.Gate.Skills)
        {
            html.Append(CultureInfo.InvariantCulture,
                $"<tr><td>{E(s.Name)}</td><td class=n>{s.Pairs}</td><td class=n>{s.BaselineMean:0.00}</td><td class=n>{s.CurrentMean:0.00}</td><td class=n>{E(RunComparison.WithSign(s.MeanDifference))}</td>" +
                $"<td>{E(RunComparison.WithSign(s.Lower))}…{E(RunComparison.WithSign(s.Upper))}</td><td class=n>{s.WorseTests.Count}</td><td{(s.Regressed ? " class=bad>regressed" : ">ok")}</td></tr>\n");
        }
        html.Append("</table>\n");
        if (c.Gate.TooFewPairs.Count > 0)
            html.Append(CultureInfo.InvariantCulture, $"<p>Not judged by the gate (fewer than {c.Gate.Options.MinPairs} paired tests): {E(string.Join(", ", c.Gate.TooFewPairs))}.</p>\n");
        if (c.Gate.Pairing is { Broken: true } pairing)
            html.Append("<p class=bad>").Append(E(pairing.Describe())).Append("</p>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>Gate verdict: {(c.Gate.Passed ? "pass" : "<span class=bad>FAIL</span>")}. {c.Changes.Count} test(s) moved, {c.Unchanged} unchanged, {c.OnlyBefore.Count} only before, {c.OnlyAfter.Count} only after, {c.NotCompared.Count} in both with no skill scored in both.</p>\n");
        if (history is not null)
            html.Append("<p class=note>History: each moved skill's score on its test in ").Append(E(TrendMarkdown.Span(history.Runs)))
                .Append(" of the later run's project, oldest first, on the 1–5 scale; a break where a run has no score.</p>\n");
        foreach (InstanceChange change in c.Changes)
        {
            html.Append("<section><h2>").Append(E(change.Id)).Append("</h2><p>").Append(change.Kind switch
            {
                ChangeKind.Response => "The response changed.",
                ChangeKind.Judge => "Same response, another judge: " + E(change.Before.JudgeModel) + " → " + E(change.After.JudgeModel) + ".",
                _ => "Same response, same judge, another score: judge noise.",
            }).Append("</p>\n<table><tr><th>Skill</th><th>Before</th><th>After</th><th>Feedback before</th><th>Feedback after</th>" + (history is null ? string.Empty : "<th>History</th>") + "</tr>\n");
            foreach (SkillMove move in change.Moves)
            {
                html.Append(CultureInfo.InvariantCulture,
                    $"<tr><td>{E(move.Name)}</td><td class=n>{move.Before:0.##}</td><td class=n>{move.After:0.##}</td><td>{E(move.FeedbackBefore)}</td><td>{E(move.FeedbackAfter)}</td>");
                if (history is not null)
                    html.Append("<td class=history>").Append(history.Of(change.Id, move.Skill) is { } scores ? TrendCharts.Sparkline(scores, history.Runs) : "–").Append("</td>");
                html.Append("</tr>\n");
            }
            html.Append("</table>\n");
            if (change.Kind == ChangeKind.Response)
            {
                var diff = WordDiff.Of(change.Before.Response ?? string.Empty, change.After.Response ?? string.Empty);
                html.Append("<div class=side><pre>");
                foreach (var (kind, text) in diff.Where(r => r.Kind != WordDiff.Kind.Inserted))
                    html.Append(kind == WordDiff.Kind.Deleted ? "<del>" + E(text) + "</del>" : E(text));
                html.Append("</pre><pre>");
                foreach (var (kind, text) in diff.Where(r => r.Kind != WordDiff.Kind.Deleted))
                    html.Append(kind == WordDiff.Kind.Inserted ? "<ins>" + E(text) + "</ins>" : E(text));
                html.Append("</pre></div>\n");
            }
            else
                html.Append("<pre>").Append(E(change.After.Response ?? string.Empty)).Append("</pre>\n");
            html.Append("</section>\n");
        }
        return html.Append("</body></html>\n").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
