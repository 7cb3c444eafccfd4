using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Flask.Testing.Xunit;

/// <summary>The message a FLASK test shows: per skill, score, minimum, result and the judge's feedback.</summary>
internal static class FlaskVerdict
{
    public static bool Passed(ScoredResponse response) => response.Skills.All(s => s.Passed);

    public static string Describe(ScoredResponse response, JudgeResult result)
    {
        ScoredSkill[] failed = [.. response.Skills.Where(s => !s.Passed)];
        int judgeErrors = failed.Count(s => s.Status == SkillScoreStatus.JudgeError);
        var text = new StringBuilder();
        text.AppendLine(failed.Length == 0
            ? $"FLASK: all {response.Skills.Count} skill(s) passed."
            : judgeErrors == failed.Length
                ? $"FLASK: the judge gave no usable score for {judgeErrors} of {response.Skills.Count} skill(s) (judge error, not a low score)."
                : $"FLASK: {failed.Length - judgeErrors} of {response.Skills.Count} skill(s) scored below the minimum" +
                  (judgeErrors > 0 ? $", and {judgeErrors} had a judge error." : "."));
        int width = response.Skills.Max(s => s.Name.Length);
        foreach (ScoredSkill skill in response.Skills)
        {
            string outcome = skill.Status switch
            {
                SkillScoreStatus.NotApplicable => "pass (N/A: the judge found this skill not applicable)",
                SkillScoreStatus.JudgeError => $"JUDGE ERROR (not a low score): {skill.Error}",
                _ => skill.Passed ? "pass" : "FAIL",
            };
            text.Append("  ").Append(skill.Name.PadRight(width)).Append("  ")
                .Append((skill.Score?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–").PadLeft(4))
                .Append(" / min ").Append(skill.MinScore?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–")
                .Append("  ").AppendLine(outcome);
            if (skill.Feedback is { Length: > 0 } own)
                text.Append("      ").AppendLine(Indent(own));
        }
        if (response.Review is { Length: > 0 } review)
            text.AppendLine("  Review (the feedback of the skills above without their own):").Append("      ").AppendLine(Indent(review));
        text.Append(CultureInfo.InvariantCulture,
            $"Judge: {result.JudgeModel}, {result.InputTokens + result.OutputTokens} tokens, {result.Latency.TotalMilliseconds:0} ms{(result.CacheHit ? ", from the response cache" : string.Empty)}. ");
        text.Append("The prompt and the review are attached to the test result.");
        return text.ToString();
    }

    private static string Indent(string feedback) => string.Join("\n      ", feedback.Split('\n').Select(l => l.TrimEnd()).Take(12));
}
