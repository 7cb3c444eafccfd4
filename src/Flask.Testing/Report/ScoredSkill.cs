using System.Text.Json.Serialization;

namespace Flask.Testing;

/// <summary>One skill's outcome for one judged response, as written to result files.</summary>
/// <param name="Id">The skill id.</param>
/// <param name="Name">The skill's display name.</param>
/// <param name="Ability">The skill's ability.</param>
/// <param name="Status">Scored, N/A or judge error.</param>
/// <param name="Score">The score (mean of samples), when scored.</param>
/// <param name="MinScore">The minimum required, when one was.</param>
/// <param name="Passed">Scored at or above the minimum, or N/A. A judge error never passes (<see cref="PassRule"/>).</param>
/// <param name="Feedback">The judge's feedback for the skill; null when it is the whole review that several skills share,
/// which the result keeps once (<see cref="ScoredResponse.Review"/>, <see cref="ScoredResponse.FeedbackOf"/>).</param>
/// <param name="Error">Why it is a judge error, when it is one.</param>
public sealed record ScoredSkill(string Id, string Name, string Ability, [property: JsonRequired] SkillScoreStatus Status, double? Score, double? MinScore, [property: JsonRequired] bool Passed, string? Feedback, string? Error)
{
    /// <summary>The outcome of <paramref name="score"/> against <paramref name="minScore"/>.</summary>
    public static ScoredSkill From(SkillScore score, double? minScore) => new(
        score.Skill.Id, score.Skill.Name, score.Skill.Ability.Name, score.Status, score.Score, minScore,
        PassRule.Passes(score, minScore), score.Feedback, score.Error);
}
