using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.Pricing;
using Flask.Testing.Analysis;

namespace Flask.Cli.Reports;

/// <summary>
/// A self-contained HTML page to link in a PR: the run's facts, FLASK's radar of skills with the models overlaid,
/// heatmaps of the means (skills, abilities, domains, difficulty, skill × difficulty), the lowest-scored responses, and
/// every response (up to a cap) with its scores and feedback, filterable. Inline SVG and CSS, nothing fetched, one
/// inline script allowed by its hash (<see cref="HtmlResponses"/>); every text from the data is HTML-encoded, so a
/// response containing markup shows as text. The responses are written as they are read, never held together.
/// </summary>
internal static class HtmlReport
{
    /// <summary>Responses shown in the drill-down by default, in all (shared evenly between models).</summary>
    public const int DefaultMaxResponses = 2000;

    private static readonly string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem auto;color:#222;max-width:1200px;padding:0 1rem}
        nav a{margin-right:1rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.5rem}
        table{border-collapse:collapse;margin:1rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:right;vertical-align:top}
        th:first-child,td:first-child{text-align:left;white-space:nowrap}caption{font-weight:bold;text-align:left;padding:.3rem 0}
        table.facts td,table.facts th{text-align:left}table.models{font-size:.9em}table.models th,table.models td:first-child{white-space:normal}table.models td,table.models th{padding:.25rem .4rem}td.cost{min-width:8rem;max-width:14rem;overflow-wrap:anywhere}
        .heatmap td{min-width:5.5rem;text-align:center}.heatmap td small{display:block;color:#333;font-size:.75em}.heatmap td.none{color:#999}
        .legend span,.scale span{margin-right:1rem}.scale span{display:inline-block;padding:0 .6rem;margin-right:.2rem}
        .swatch{display:inline-block;width:.8rem;height:.8rem;margin-right:.3rem}
        svg text{font-size:11px}svg.radar{max-width:760px;width:100%}svg.radar .axis-label{font-size:13px}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f6f6;padding:.5rem;max-height:16rem;overflow:auto;margin:.2rem 0}
        details.response,details.lowest{border-top:1px solid #eee;padding:.3rem 0}details>summary{cursor:pointer}
        .chip{display:inline-block;padding:0 .35rem;border-radius:.3rem;font-size:.85em;background:#eee;margin-left:.2rem}
        .chip.judge-error{background:#333;color:#fff}.chip.not-applicable{background:#ddd;color:#555}
        .detail{padding-left:1rem}.detail table.skills td{text-align:left}.detail table.skills pre{max-height:10rem}
        .filters label{margin-right:1rem}.note{color:#555}
        """;

    /// <summary>
    /// Writes the page to <paramref name="output"/>: the analysis and facts first, then <paramref name="responses"/>
    /// streamed in, at most <paramref name="maxResponses"/> in all, shared evenly between the models (the page says how
    /// many it shows of how many). <paramref name="histories"/>: per model column from the run store, its tests' score
    /// histories (a sparkline per skill in the drill-down).
    /// </summary>
    public static async Task WriteAsync(TextWriter output, IReadOnlyList<ModelAnalysis> models, RunFacts facts, PriceTable prices,
        IEnumerable<(string Model, ScoredResponse Response)> responses, int maxResponses, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, ScoreHistory>? histories = null)
    {
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>FLASK report</title>\n")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src ")
            .Append(HtmlResponses.ScriptSource).Append("; base-uri 'none'; form-action 'none'\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>FLASK report</h1>\n")
            .Append("<nav><a href=\"#run\">Run</a><a href=\"#skills\">Skills</a><a href=\"#abilities\">Abilities</a><a href=\"#domains\">Domains</a><a href=\"#difficulty\">Difficulty</a><a href=\"#hard\">Expert level</a><a href=\"#lowest\">Lowest</a><a href=\"#responses\">Responses</a></nav>\n")
            .Append("<p>Averages over scored (response, skill) pairs, as FLASK computes them; N/A and judge errors are left out and counted. ")
            .Append("Intervals are 95 % confidence intervals of the mean (Student's t), clipped to the 1–5 scale; “–” where fewer than two scores.</p>\n");
        Facts(page, models, facts, prices);

        page.Append("<section id=\"skills\"><h2>Skills</h2><figure>").Append(HtmlCharts.Radar(models)).Append("<figcaption>")
            .Append(HtmlCharts.Legend(models)).Append("</figcaption></figure>")
            .Append(HtmlCharts.Scale()).Append(HtmlCharts.Heatmap(models, m => m.Skills, "skills")).Append("</section>\n");
        page.Append("<section id=\"abilities\"><h2>Abilities</h2>").Append(HtmlCharts.Heatmap(models, m => m.Abilities, "abilities")).Append("</section>\n");
        page.Append("<section id=\"domains\"><h2>Domains</h2>").Append(HtmlCharts.Legend(models)).Append(HtmlCharts.Bars(models, m => m.Domains, "domains"))
            .Append(HtmlCharts.Heatmap(models, m => m.Domains, "domains")).Append("</section>\n");
        GroupScore[] levels = [.. models.SelectMany(m => m.Difficulties).GroupBy(g => g.Key).Select(g => g.First()).OrderBy(g => g.Key, StringComparer.Ordinal)];
        page.Append("<section id=\"difficulty\"><h2>Difficulty</h2>").Append(HtmlCharts.Legend(models)).Append(HtmlCharts.Bars(models, m => m.Difficulties, "difficulty"))
            .Append(HtmlCharts.Heatmap(models, m => m.Difficulties, "difficulties"))
            .Append("<h3>Skill × difficulty</h3><p class=\"note\">Each cell: the mean and n; its interval in the tooltip.</p>");
        foreach (ModelAnalysis model in models)
            page.Append(HtmlCharts.SkillByDifficulty(model, levels));
        page.Append("</section>\n");
        page.Append("<section id=\"hard\"><h2>").Append(E(ExpertLevel.Title)).Append("</h2><p>").Append(E(ExpertLevel.Note.Replace("`", string.Empty, StringComparison.Ordinal)))
            .Append("</p>").Append(HtmlCharts.Heatmap(models, m => m.Hard, "hard")).Append("</section>\n");
        page.Append("<section id=\"lowest\"><h2>Lowest-scored responses</h2><p class=\"note\">Per model, the responses with the lowest mean score.</p>");
        foreach (ModelAnalysis model in models)
        {
            foreach (ScoredResponse response in model.Lowest)
                page.Append(HtmlResponses.Row(model.Model, response).Replace("<details class=\"response\"", "<details class=\"lowest\"", StringComparison.Ordinal));
        }
        page.Append("</section>\n");
        await output.WriteAsync(page, cancellationToken).ConfigureAwait(false);

        int perModel = models.Count == 0 || maxResponses <= 0 ? 0 : Math.Max(1, maxResponses / models.Count);
        long total = models.Sum(m => (long)m.Responses);
        long showing = models.Sum(m => (long)Math.Min(m.Responses, perModel));
        await output.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $"<section id=\"responses\"><h2>Responses</h2><p class=\"note\" id=\"cap\">{(showing == total ? $"All {total} responses" : $"The first {perModel} responses of each model, in file order: {showing} of {total}; the others are in the results files (dotnet flask report --max-responses raises the cap)")}. Open one for its instruction, response, reference answer and each skill's score and feedback{(histories is { Count: > 0 } ? $", and for a run from the run history each skill's score on that test in the last {TrendCharts.HistoryRuns} runs of its project up to it (a break where a run has no score)" : string.Empty)}.</p>\n")
            .AsMemory(), cancellationToken).ConfigureAwait(false);
        if (showing > 0)
        {
            await output.WriteAsync((HtmlResponses.Filters(models) + "<p><output id=\"shown\">" + showing.ToString(CultureInfo.InvariantCulture) +
                "</output> shown.</p><noscript><p class=\"note\">Filtering needs script; without it, all the responses below are listed.</p></noscript>\n").AsMemory(), cancellationToken).ConfigureAwait(false);
            var written = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (model, response) in responses)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int count = written.GetValueOrDefault(model);
                if (count >= perModel)
                    continue;
                written[model] = count + 1;
                await output.WriteAsync(HtmlResponses.Row(model, response, histories?.GetValueOrDefault(model)).AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
        await output.WriteAsync("</section>\n".AsMemory(), cancellationToken).ConfigureAwait(false);
        if (showing > 0)
            await output.WriteAsync(("<script>" + HtmlResponses.FilterScript + "</script>\n").AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.WriteAsync("</body></html>\n".AsMemory(), cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The run's facts: files, judge, counts, tokens, cost (from the tokens at the judge model's price), tool version.</summary>
    private static void Facts(StringBuilder page, IReadOnlyList<ModelAnalysis> models, RunFacts facts, PriceTable prices)
    {
        string version = typeof(HtmlReport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        page.Append("<section id=\"run\"><h2>Run</h2><table class=\"facts\"><tbody>")
            .Append("<tr><th>Report written</th><td>").Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)).Append("</td></tr>")
            .Append("<tr><th>Tool</th><td>dotnet flask ").Append(E(version)).Append("</td></tr>");
        foreach (RunFacts.FileFacts file in facts.Files)
        {
            if (file.Run is { } run)
            {
                // A run from the store: its own record, not a file's.
                page.Append("<tr><th>Stored run</th><td>").Append(E(file.Path)).Append(file.Store is { } store ? $" of <code>{E(store)}</code>" : string.Empty)
                    .Append(string.Create(CultureInfo.InvariantCulture, $": {file.Results} results, recorded {run.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"))
                    .Append("; project ").Append(E(run.Project)).Append(" (").Append(E(run.Source)).Append("), ")
                    .Append(run.Commit is null ? "outside a git checkout" : E(RunTrend.Checkout(run)))
                    .Append("; data set ").Append(E(run.DatasetFingerprint)).Append(", rubrics ").Append(E(run.RubricFingerprint ?? "–"))
                    .Append("; recorded by ").Append(E(run.ToolVersion)).Append("</td></tr>");
                continue;
            }
            page.Append("<tr><th>Results file</th><td><code>").Append(E(file.Path)).Append("</code>: ")
                .Append(string.Create(CultureInfo.InvariantCulture, $"{file.Results} results, written {file.Modified:yyyy-MM-dd HH:mm} UTC")).Append("</td></tr>");
        }
        page.Append("</tbody></table>");
        page.Append("<table class=\"facts models\"><thead><tr><th>Model</th><th>Judge</th><th>Responses</th><th>Scored</th><th>N/A</th><th>Judge errors</th><th>Unrequested</th><th>Input tokens</th><th>Output tokens</th><th>Cached answers</th><th>Cost</th></tr></thead><tbody>");
        for (int m = 0; m < models.Count; m++)
        {
            ModelAnalysis model = models[m];
            RunFacts.ModelFacts of = facts.Of(model.Model);
            page.Append(string.Create(CultureInfo.InvariantCulture, $"<tr><td><i class=\"swatch\" style=\"background:{HtmlCharts.ColorOf(m)}\"></i>{E(model.Model)}</td>"))
                .Append("<td>").Append(of.Judges.Count == 0 ? "(not recorded)" : E(string.Join(", ", of.Judges))).Append("</td>")
                .Append(string.Create(CultureInfo.InvariantCulture, $"<td>{model.Responses}</td><td>{of.Scored}</td><td>{model.NotApplicable}</td><td>{model.JudgeErrors}</td><td>{model.Unrequested}{(model.Unrequested > 0 ? model.UnrequestedAveraged ? " (averaged)" : " (not averaged)" : string.Empty)}</td><td>{of.InputTokens:N0}</td><td>{of.OutputTokens:N0}</td><td>{of.CacheHits}</td>"))
                .Append("<td class=\"cost\">").Append(E(of.Cost(prices))).Append("</td></tr>");
        }
        page.Append("</tbody></table><p class=\"note\">Cost: the judge's input and output tokens at its model's price per million tokens (list prices of ")
            .Append(E(prices.AsOf)).Append(" unless overridden with FLASK_PRICES or --prices; prices change).</p></section>\n");
    }

    /// <summary>Text from the data, HTML-encoded for element content and quoted attribute values alike.</summary>
    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
