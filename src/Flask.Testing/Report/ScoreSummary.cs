using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Flask.Testing;

/// <summary>Per-skill and per-ability averages of a run, computed as FLASK does: N/A and judge errors excluded.</summary>
/// <param name="Skills">Per skill, in order of first appearance.</param>
/// <param name="Abilities">Per ability, in order of first appearance.</param>
public sealed record ScoreSummary(IReadOnlyList<SkillSummary> Skills, IReadOnlyList<AbilitySummary> Abilities)
{
    /// <summary>The summary of <paramref name="responses"/>.</summary>
    public static ScoreSummary Of(IEnumerable<ScoredResponse> responses)
    {
        ScoredSkill[] pairs = [.. responses.SelectMany(r => r.Skills)];
        SkillSummary[] skills = [.. pairs.GroupBy(p => p.Id).Select(g =>
        {
            ScoredSkill first = g.First();
            double[] scores = [.. g.Where(p => p.Score is not null && p.Status == SkillScoreStatus.Scored).Select(p => p.Score!.Value)];
            return new SkillSummary(g.Key, first.Name, first.Ability, scores.Length > 0 ? scores.Average() : null, scores.Length,
                g.Count(p => p.Status == SkillScoreStatus.NotApplicable), g.Count(p => p.Status == SkillScoreStatus.JudgeError),
                g.Count(p => p.Status == SkillScoreStatus.Scored && !p.Passed));
        })];
        AbilitySummary[] abilities = [.. pairs.GroupBy(p => p.Ability).Select(g =>
        {
            double[] scores = [.. g.Where(p => p.Status == SkillScoreStatus.Scored && p.Score is not null).Select(p => p.Score!.Value)];
            return new AbilitySummary(g.Key, scores.Length > 0 ? scores.Average() : null, scores.Length);
        })];
        return new ScoreSummary(skills, abilities);
    }

    /// <summary>The summary as Markdown tables.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine("| Skill | Ability | Mean | Scored | N/A | Judge errors | Below minimum |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (SkillSummary s in Skills)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {s.Name} | {s.Ability} | {Format(s.Mean)} | {s.Scored} | {s.NotApplicable} | {s.JudgeErrors} | {s.BelowMinimum} |");
        text.AppendLine();
        text.AppendLine("| Ability | Mean | Scored |");
        text.AppendLine("| --- | ---: | ---: |");
        foreach (AbilitySummary a in Abilities)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {a.Name} | {Format(a.Mean)} | {a.Scored} |");
        return text.ToString();
    }

    private static string Format(double? mean) => mean?.ToString("0.00", CultureInfo.InvariantCulture) ?? "–";
}
