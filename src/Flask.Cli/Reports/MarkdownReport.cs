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
        Section(text, "Skills", models, m => m.Skills);
        Section(text, "Abilities", models, m => m.Abilities);
        Section(text, "Domains", models, m => m.Domains);
        Section(text, "Difficulty", models, m => m.Difficulties);
        Section(text, "Skill × difficulty", models, m => m.SkillByDifficulty);
        Section(text, "FLASK-HARD (expert level)", models, m => m.Hard);
        return text.ToString();
    }

    private static void Section(StringBuilder text, string title, IReadOnlyList<ModelAnalysis> models, Func<ModelAnalysis, IReadOnlyList<GroupScore>> groups)
    {
        string[] keys = [.. models.SelectMany(groups).Select(g => g.Key).Distinct()];
        if (keys.Length == 0)
            return;
        text.Append("\n## ").AppendLine(title).AppendLine();
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
        : string.Create(CultureInfo.InvariantCulture, $"{mean:0.00} ±{(group.High is { } high ? high - mean : 0):0.00} (n={group.Count})");

    private static string Escape(string text) => text.Replace("|", "\\|").Replace("\n", " ");
}
