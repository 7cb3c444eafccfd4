using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Flask.Cli.Analysis;

namespace Flask.Cli.Reports;

/// <summary>The analysis as Markdown tables, models side by side (also the console summary).</summary>
internal static class MarkdownReport
{
    public static string Render(IReadOnlyList<ModelAnalysis> models)
    {
        var text = new StringBuilder("# FLASK report\n\n");
        text.AppendLine(string.Join("\n", models.Select(m =>
            $"- **{Escape(m.Model)}**: {m.Responses} responses, {m.NotApplicable} N/A and {m.JudgeErrors} judge errors (left out of averages)" +
            (m.Unrequested > 0 ? $"; {m.Unrequested} scores for skills not requested ({(m.UnrequestedAveraged ? "in the averages, as FLASK" : "left out of averages")})" : string.Empty))));
        text.AppendLine().AppendLine("Each cell: the mean, its 95 % confidence interval [low, high] clipped to the 1–5 scale (– where fewer than two scores), and n, the scored (response, skill) pairs.");
        Section(text, "Skills", models, m => m.Skills);
        Section(text, "Abilities", models, m => m.Abilities);
        Section(text, "Domains", models, m => m.Domains);
        Section(text, "Difficulty", models, m => m.Difficulties);
        Section(text, "Skill × difficulty", models, m => m.SkillByDifficulty);
        Section(text, ExpertLevel.Title, models, m => m.Hard, ExpertLevel.Note);
        return text.ToString();
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
    /// Text from the data (model, skill, domain names) as literal Markdown: HTML is entity-encoded and Markdown's
    /// punctuation backslash-escaped, so a name can neither inject a tag nor break out of its table cell.
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
        return escaped.ToString();
    }
}
