using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Flask.Testing.Analysis;
using Flask.Testing;
using static Flask.Cli.Reports.HtmlReport;

namespace Flask.Cli.Reports;

/// <summary>
/// The per-response drill-down: one closed &lt;details&gt; per response, written as it streams by, and the filters over
/// them. Everything a filter matches on is in the row's data-* attributes (HTML-encoded text); the one inline script
/// only compares those strings with the chosen options, so no text from the data is ever read as code. The script is
/// allowed by its hash in the page's Content-Security-Policy, nothing else is.
/// </summary>
internal static class HtmlResponses
{
    /// <summary>Separates the values of a multi-valued data-* attribute (domains; skill and status pairs).</summary>
    private const char Separator = '\n';

    /// <summary>Separates a skill id from its status in data-skills.</summary>
    private const char PairSeparator = '\t';

    /// <summary>
    /// Shows the rows matching every chosen filter and counts them. A filter can also be preset from the page address,
    /// e.g. report.html#status=judge-error&amp;skill=Factuality, so a PR can link to the responses it is about.
    /// </summary>
    public const string FilterScript = """
        (function () {
          var form = document.getElementById('filters');
          var rows = document.querySelectorAll('#responses details.response');
          var shown = document.getElementById('shown');
          var selects = form.querySelectorAll('select');
          function has(list, value) { return list.split('\n').indexOf(value) >= 0; }
          function apply() {
            var f = {};
            selects.forEach(function (s) { f[s.name] = s.value; });
            var count = 0;
            rows.forEach(function (row) {
              var d = row.dataset;
              var ok = (!f.model || d.model === f.model) && (!f.domain || has(d.domains, f.domain)) &&
                (!f.difficulty || d.difficulty === f.difficulty) &&
                (!f.skill && !f.status || d.skills.split('\n').some(function (pair) {
                  var p = pair.split('\t');
                  return (!f.skill || p[0] === f.skill) && (!f.status || p[1] === f.status);
                }));
              row.hidden = !ok;
              if (ok) count++;
            });
            shown.textContent = String(count);
          }
          var preset = new URLSearchParams(location.hash.slice(1));
          selects.forEach(function (s) {
            var value = preset.get(s.name);
            if (value !== null && Array.prototype.some.call(s.options, function (o) { return o.value === value; })) s.value = value;
            s.addEventListener('change', apply);
          });
          apply();
        })();
        """;

    /// <summary>The CSP source that allows <see cref="FilterScript"/> and no other script.</summary>
    public static string ScriptSource { get; } = $"'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(FilterScript)))}'";

    /// <summary>The filter form: the options are the models, skills, domains and levels of the analysis.</summary>
    public static string Filters(IReadOnlyList<ModelAnalysis> models)
    {
        var form = new StringBuilder("<form id=\"filters\" class=\"filters\">");
        Select(form, "model", "Model", models.Select(m => (m.Model, m.Model)));
        Select(form, "skill", "Skill", models.SelectMany(m => m.Skills).Select(g => (g.Key, g.Label)));
        Select(form, "domain", "Domain", models.SelectMany(m => m.Domains).Select(g => (g.Key, g.Label)));
        Select(form, "difficulty", "Difficulty", models.SelectMany(m => m.Difficulties).Select(g => (g.Key, g.Label)));
        Select(form, "status", "Status", new[] { SkillScoreStatus.Scored, SkillScoreStatus.NotApplicable, SkillScoreStatus.JudgeError }
            .Select(s => (FlaskEvaluator.StatusName(s), StatusLabel(s))));
        return form.Append("</form>").ToString();
    }

    private static void Select(StringBuilder form, string name, string label, IEnumerable<(string Value, string Label)> options)
    {
        form.Append("<label>").Append(label).Append(" <select name=\"").Append(name).Append("\"><option value=\"\">all</option>");
        foreach (var (value, text) in options.DistinctBy(o => o.Value))
            form.Append("<option value=\"").Append(E(value)).Append("\">").Append(E(text)).Append("</option>");
        form.Append("</select></label> ");
    }

    /// <summary>
    /// One response: its labels as data-* attributes for the filters, and when opened everything judged; with
    /// <paramref name="history"/> (a run from the store), each skill's score on this test over the runs before it too.
    /// </summary>
    public static string Row(string model, ScoredResponse response, ScoreHistory? history = null)
    {
        string[] domains = [.. response.Domains.Select(FlaskAnalysis.DomainLabel)];
        string difficulty = FlaskLabels.TryParseDifficulty(response.Difficulty, out FlaskDifficulty level) ? ((int)level).ToString(CultureInfo.InvariantCulture) : string.Empty;
        var row = new StringBuilder(4096)
            .Append("<details class=\"response\" data-model=\"").Append(E(model))
            .Append("\" data-domains=\"").Append(E(string.Join(Separator, domains)))
            .Append("\" data-difficulty=\"").Append(difficulty)
            .Append("\" data-skills=\"").Append(E(string.Join(Separator, response.Skills.Select(s => $"{s.Id}{PairSeparator}{FlaskEvaluator.StatusName(s.Status)}"))))
            .Append("\"><summary><b>").Append(E(model)).Append("</b> · <code>").Append(E(response.Id)).Append("</code>");
        if (domains.Length > 0 || response.Difficulty is not null)
            row.Append(" · ").Append(E(string.Join(", ", domains.Append(response.Difficulty ?? string.Empty).Where(t => t.Length > 0))));
        foreach (ScoredSkill skill in response.Skills)
            row.Append(' ').Append(Chip(skill));
        row.Append("</summary><div class=\"detail\">")
            .Append("<h4>Instruction</h4><pre>").Append(E(response.Instruction)).Append("</pre>")
            .Append("<h4>Response</h4><pre class=\"response-text\">").Append(response.Response is null ? "<i>(not kept in the results)</i>" : E(response.Response)).Append("</pre>")
            .Append("<h4>Reference answer</h4><pre>").Append(response.Reference is null ? "<i>(none given to the judge, or not recorded)</i>" : E(response.Reference)).Append("</pre>")
            .Append("<table class=\"skills\"><thead><tr><th>Skill</th><th>Score</th><th>Feedback</th>").Append(history is null ? string.Empty : "<th>History</th>").Append("</tr></thead><tbody>");
        foreach (ScoredSkill skill in response.Skills)
        {
            string feedback = skill.Feedback ?? (response.Review is null ? string.Empty : "(the review below)");
            row.Append("<tr><td>").Append(E(skill.Name)).Append("</td><td>").Append(Outcome(skill)).Append("</td><td><pre>").Append(E(feedback)).Append("</pre></td>");
            if (history is not null)
                row.Append("<td class=\"history\">").Append(history.Of(response.Id, skill.Id) is { } scores ? TrendCharts.Sparkline(scores, history.Runs) : "–").Append("</td>");
            row.Append("</tr>");
        }
        row.Append("</tbody></table>");
        if (response.Review is not null)
            row.Append("<h4>Review</h4><pre>").Append(E(response.Review)).Append("</pre>");
        return row.Append("</div></details>\n").ToString();
    }

    private static string Chip(ScoredSkill skill) => skill.Score is { } score && skill.Status == SkillScoreStatus.Scored
        ? string.Create(CultureInfo.InvariantCulture, $"<span class=\"chip\" style=\"background:{HtmlCharts.Heat(score)}\">{E(skill.Name)} {score:0.#}</span>")
        : $"<span class=\"chip {FlaskEvaluator.StatusName(skill.Status)}\">{E(skill.Name)} {StatusLabel(skill.Status)}</span>";

    private static string Outcome(ScoredSkill skill) => skill.Status switch
    {
        SkillScoreStatus.Scored when skill.Score is { } score => score.ToString("0.##", CultureInfo.InvariantCulture),
        SkillScoreStatus.JudgeError => $"judge error{(skill.Error is null ? string.Empty : ": " + E(skill.Error))}",
        _ => StatusLabel(skill.Status),
    };

    private static string StatusLabel(SkillScoreStatus status) => status switch
    {
        SkillScoreStatus.Scored => "scored",
        SkillScoreStatus.NotApplicable => "N/A",
        SkillScoreStatus.JudgeError => "judge error",
        _ => FlaskEvaluator.StatusName(status),
    };
}
