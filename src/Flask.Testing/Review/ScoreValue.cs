using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Flask.Testing;

/// <summary>Reads one score as judges write it: <c>4</c>, <c>"4"</c>, <c>4.0</c>, <c>4/5</c>, <c>4 out of 5</c>, or N/A.</summary>
internal static partial class ScoreValue
{
    /// <summary>FLASK's words for "does not apply" (compared ignoring case), plus the spellings judges use for them.</summary>
    private static readonly string[] NotApplicable = ["na", "n/a", "not applicable", "n.a.", "none applicable"];

    [GeneratedRegex(@"^\s*(?<score>[+-]?\d+(?:\.\d+)?)\s*(?:(?:/|out\s+of)\s*(?<scale>\d+(?:\.\d+)?))?\s*(?:points?)?\s*[.,;]?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ScorePattern();

    /// <summary>The reading of <paramref name="text"/>: a score, N/A, or an error saying why it is unusable.</summary>
    public static (SkillScoreStatus Status, double? Score, string? Error) Read(string text)
    {
        string value = text.Trim().Trim('"', '\'', '*', '`').Trim();
        if (Array.Exists(NotApplicable, n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)))
            return (SkillScoreStatus.NotApplicable, null, null);
        Match match = ScorePattern().Match(value);
        if (!match.Success)
            return (SkillScoreStatus.JudgeError, null, $"the judge's score '{text.Trim()}' is not a number from 1 to 5");
        double score = double.Parse(match.Groups["score"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["scale"].Success && double.Parse(match.Groups["scale"].Value, CultureInfo.InvariantCulture) != ScoringRubric.MaxScore)
            return (SkillScoreStatus.JudgeError, null, $"the judge scored '{text.Trim()}', not on the 1 to 5 scale");
        if (score < ScoringRubric.MinScore || score > ScoringRubric.MaxScore)
            return (SkillScoreStatus.JudgeError, null, $"the judge's score {score.ToString(CultureInfo.InvariantCulture)} is outside 1..5");
        return (SkillScoreStatus.Scored, score, null);
    }
}
