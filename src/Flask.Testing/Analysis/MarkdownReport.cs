using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Flask.Testing.Analysis;

/// <summary>
/// The analysis as Markdown tables, models side by side: the one Markdown rendering of results, used by
/// <c>dotnet flask report --format md</c>, the CLI's console summary and a test run's <c>summary.md</c>.
/// </summary>
public static class MarkdownReport
{
    /// <summary>The report of <paramref name="models"/>, headed <paramref name="title"/>.</summary>
    public static string Render(IReadOnlyList<ModelAnalysis> models, string title = "FLASK report")
    {
        ArgumentNullException.ThrowIfNull(models);
        var text = new StringBuilder($"# {title}\n\n");
        text.AppendLine(string.Join("\n", models.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"- **{Escape(m.Model)}**: {m.Responses} responses, {m.NotApplicable} N/A and {m.JudgeErrors} judge errors (left out of averages)") +
            (m.Unrequested > 0 ? string.Create(CultureInfo.InvariantCulture, $"; {m.Unrequested} scores for skills not requested ({(m.UnrequestedAveraged ? "in the averages, as FLASK" : "left out of averages")})") : string.Empty))));
        text.AppendLine().AppendLine("Each cell: the mean, its 95 % confidence interval [low, high] clipped to the 1–5 scale (– where fewer than two scores), and n, the scored (response, skill) pairs.");
        Skills(text, models);
        Section(text, "Abilities", models, m => m.Abilities);
        Section(text, "Domains", models, m => m.Domains);
        Section(text, "Difficulty", models, m => m.Difficulties);
        Section(text, "Skill × difficulty", models, m => m.SkillByDifficulty);
        Section(text, ExpertLevel.Title, models, m => m.Hard, ExpertLevel.Note);
        return text.ToString();
    }

    /// <summary>The skill table: per model its mean, and the N/A, judge-error and below-minimum pairs left out of it.</summary>
    private static void Skills(StringBuilder text, IReadOnlyList<ModelAnalysis> models)
    {
        GroupScore[] keys = [.. models.SelectMany(m => m.Skills).GroupBy(g => g.Key).Select(g => g.First())];
        if (keys.Length == 0)
            return;
        text.Append("\n## Skills\n\n| Skill | Ability |").AppendJoin("", models.Select(m => $" {Escape(m.Model)} | N/A | Judge errors | Below minimum |")).AppendLine();
        text.Append("| --- | --- |").AppendJoin("", models.Select(_ => " ---: | ---: | ---: | ---: |")).AppendLine();
        foreach (GroupScore key in keys)
        {
            text.Append("| ").Append(Escape(key.Label)).Append(" | ").Append(Escape(key.Ability ?? string.Empty)).Append(" |");
            foreach (ModelAnalysis model in models)
            {
                GroupScore? skill = model.Skills.FirstOrDefault(g => g.Key == key.Key);
                text.Append(' ').Append(Cell(skill)).Append(" |")
                    .Append(CultureInfo.InvariantCulture, $" {skill?.NotApplicable ?? 0} | {skill?.JudgeErrors ?? 0} | {skill?.BelowMinimum ?? 0} |");
            }
            text.AppendLine();
        }
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<ModelAnalysis> models, Func<ModelAnalysis, IReadOnlyList<GroupScore>> groups, string? note = null)
    {
        string[] keys = [.. models.SelectMany(groups).Select(g => g.Key).Distinct()];
        if (keys.Length == 0)
            return;
        text.Append("\n## ").AppendLine(title).AppendLine();
        if (note is not null)
            text.AppendLine(note).AppendLine();
        text.Append("| |").AppendJoin("", models.Select(m => $" {Escape(m.Model)} |")).AppendLine();
        text.Append("| --- |").AppendJoin("", models.Select(_ => " ---: |")).AppendLine();
        foreach (string key in keys)
        {
            string label = models.SelectMany(groups).First(g => g.Key == key).Label;
            text.Append("| ").Append(Escape(label)).Append(" |");
            foreach (ModelAnalysis model in models)
                text.Append(' ').Append(Cell(groups(model).FirstOrDefault(g => g.Key == key))).Append(" |");
            text.AppendLine();
        }
    }

    private static string Cell(GroupScore? group) => group?.Mean is not { } mean
        ? "–"
        : string.Create(CultureInfo.InvariantCulture, $"{mean:0.00} {group.IntervalText()} (n={group.Count})");

    /// <summary>
    /// The cost section of a report or a test run's summary: one line per model, "this run cost $0.42" (its
    /// <see cref="ModelAnalysis.Cost"/>), then where the prices come from; <paramref name="overriddenBy"/> names the
    /// setting(s) that override the shipped prices. Empty when no model was priced.
    /// </summary>
    internal static string Cost(IReadOnlyList<ModelAnalysis> models, Pricing.PriceTable prices, string overriddenBy) =>
        models.Any(m => m.Cost is not null)
            ? "\n## Cost\n\n" + string.Concat(models.Where(m => m.Cost is not null).Select(m => $"- **{Escape(m.Model)}**: this run cost {Escape(m.Cost!)}\n")) +
              $"\nFrom the judge's tokens at its model's price per million tokens (list prices of {prices.AsOf} unless overridden with {overriddenBy}; prices change).\n"
            : string.Empty;

    /// <summary>
    /// Text from the data (model, skill, domain names) as literal Markdown: HTML is entity-encoded and Markdown's
    /// punctuation backslash-escaped, so a name can neither inject a tag nor break out of its table cell; on one line,
    /// never starting a CI workflow command (<see cref="WorkflowCommandText"/>).
    /// </summary>
    internal static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            _ = c switch
            {
                '<' => escaped.Append("&lt;"),
                '>' => escaped.Append("&gt;"),
                '&' => escaped.Append("&amp;"),
                '"' => escaped.Append("&quot;"),
                '\r' or '\n' or '\u0085' or '\u2028' or '\u2029' => escaped.Append(' '),
                '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '!' or '|' or '~' or '{' or '}' => escaped.Append('\\').Append(c),
                _ => escaped.Append(c),
            };
        }
        // Markdown reads "\:" as ":", so the text renders the same and cannot start a CI workflow command.
        return WorkflowCommandText.Inert(escaped.ToString());
    }
}
