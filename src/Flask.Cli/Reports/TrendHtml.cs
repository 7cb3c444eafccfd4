using System.Globalization;
using System.Linq;
using System.Text;
using Flask.Testing;
using static Flask.Cli.Reports.HtmlReport;

namespace Flask.Cli.Reports;

/// <summary>
/// <c>dotnet flask trend</c> as one self-contained page: a line per skill (inline SVG), the runs' commits on the axis,
/// the gate's baseline marked, and the runs listed. No script; every text from the store HTML-encoded; a
/// Content-Security-Policy that would refuse any script and anything fetched.
/// </summary>
internal static class TrendHtml
{
    public static string Render(RunTrend trend, string title)
    {
        var html = new StringBuilder();
        html.Append("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>FLASK trend</title>
            <style>
            body{font-family:system-ui,sans-serif;margin:2rem auto;color:#222;max-width:1200px;padding:0 1rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
            table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}td.n{text-align:right}
            svg.trend{width:100%;max-width:760px}svg text{font-size:11px}.note{color:#555}
            </style></head><body>
            """);
        html.Append("<h1>FLASK trend: ").Append(E(title)).Append("</h1>\n<p class=\"note\">")
            .Append(E(string.Create(CultureInfo.InvariantCulture, $"{trend.Runs.Count} run(s), oldest first: {TrendMarkdown.Span(trend.Runs)}. ")))
            .Append("Each point is a run's mean over its scored (test, skill) pairs (N/A and judge errors left out), on the 1–5 scale; a run without a score for the skill is a gap in the line (a dotted mark), not a zero.");
        if (trend.Skills.Any(s => s.Baseline is not null))
            html.Append(CultureInfo.InvariantCulture, $" Dashed green: the skill's mean in the gate's baseline; dotted red: {trend.Tolerance:0.00} below it, the drop the gate starts to count.");
        html.Append("</p>\n");
        foreach (SkillTrend skill in trend.Skills)
        {
            html.Append("<section class=\"skill\"><h2>").Append(E(skill.Name)).Append("</h2>").Append(TrendCharts.Line(trend, skill)).Append("</section>\n");
        }
        html.Append("<h2>Runs</h2><table class=\"runs\"><tr><th>Run</th><th>Recorded (UTC)</th><th>Branch@commit</th><th>Project</th><th>Models</th><th>Judge</th><th>Results</th>")
            .AppendJoin("", trend.Skills.Select(s => "<th>" + E(s.Name) + "</th>")).Append("</tr>\n");
        for (int i = 0; i < trend.Runs.Count; i++)
        {
            RunInfo run = trend.Runs[i];
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=n>{run.Id}</td><td>{run.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm}</td><td>")
                .Append(E(RunTrend.Checkout(run))).Append("</td><td>").Append(E(run.Project)).Append("</td><td>").Append(E(run.Models))
                .Append("</td><td>").Append(E(run.JudgeModels)).Append(CultureInfo.InvariantCulture, $"</td><td class=n>{run.Results}</td>");
            foreach (SkillTrend skill in trend.Skills)
                html.Append("<td class=n>").Append(skill.Points[i] is { Mean: { } mean } p ? string.Create(CultureInfo.InvariantCulture, $"{mean:0.00} (n={p.Count})") : "–").Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
        // Runs that did not judge everything they selected: their means are over fewer tests (docs/history.md).
        foreach (string note in trend.Runs.Select(r => r.IncompleteNote).OfType<string>())
            html.Append("<p class=\"note\">Incomplete: ").Append(E(note)).Append(".</p>\n");
        return html.Append("</body></html>\n").ToString();
    }
}
