using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// When a judged skill passes, for every caller alike (<c>FlaskAssert</c>, <see cref="FlaskEvaluator"/> and the generated
/// evaluators): a score at or above the skill's minimum passes, N/A passes, a judge error never does. The minimum is
/// <see cref="DefaultMinScore"/> unless one is given for the skill.
/// </summary>
public static class PassRule
{
    /// <summary>The minimum score when none is given: 3, "average" on FLASK's 1 to 5 scale.</summary>
    public const double DefaultMinScore = 3;

    /// <summary>Whether a skill with <paramref name="status"/> and <paramref name="score"/> passes <paramref name="minScore"/> (null: no minimum, as in a benchmark).</summary>
    public static bool Passes(SkillScoreStatus status, double? score, double? minScore) => status switch
    {
        SkillScoreStatus.Scored => minScore is null || score >= minScore,
        SkillScoreStatus.NotApplicable => true,
        _ => false,
    };

    /// <summary>Whether <paramref name="score"/> passes <paramref name="minScore"/> (null: no minimum).</summary>
    public static bool Passes(SkillScore score, double? minScore)
    {
        ArgumentNullException.ThrowIfNull(score);
        return Passes(score.Status, score.Score, minScore);
    }

    /// <summary>
    /// The minimum of each of <paramref name="skills"/>, by skill id: the one <paramref name="minScores"/> gives under any
    /// of the skill's names (id, display name or alias, matched as the catalog matches them), else <see cref="DefaultMinScore"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A key names none of <paramref name="skills"/> (the message names it and suggests
    /// the closest), two keys name one skill, or a minimum is outside 1 to 5.</exception>
    public static IReadOnlyDictionary<string, double> Minimums(IReadOnlyDictionary<string, double>? minScores, IReadOnlyList<Skill> skills)
    {
        ArgumentNullException.ThrowIfNull(skills);
        var catalog = new SkillCatalog(skills);
        var byId = skills.ToDictionary(s => s.Id, _ => DefaultMinScore, StringComparer.Ordinal);
        var given = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, double> entry in minScores ?? new Dictionary<string, double>())
        {
            Skill skill = catalog.Find(entry.Key) ?? throw new ArgumentException(
                $"A minimum score for '{entry.Key}', which is not one of the skills judged ({string.Join(", ", skills.Select(s => s.Id))})" +
                (ClosestMatch.Find(entry.Key, skills.Select(s => s.Id)) is { } near ? $": did you mean '{near}'?" : "."), nameof(minScores));
            if (given.TryGetValue(skill.Id, out string? other))
                throw new ArgumentException($"Two minimum scores for skill '{skill.Id}' ('{other}' and '{entry.Key}').", nameof(minScores));
            given[skill.Id] = entry.Key;
            byId[skill.Id] = CheckMinScore(skill, entry.Value);
        }
        return byId;
    }

    /// <summary><paramref name="minScore"/> when it is on FLASK's scale (1 to 5).</summary>
    /// <exception cref="ArgumentOutOfRangeException">It is outside 1 to 5, or NaN.</exception>
    public static double CheckMinScore(Skill skill, double minScore)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return minScore is >= ScoringRubric.MinScore and <= ScoringRubric.MaxScore
            ? minScore
            : throw new ArgumentOutOfRangeException(nameof(minScore), minScore,
                string.Create(CultureInfo.InvariantCulture, $"The minimum score of {skill.Id} must be between 1 and 5, not {minScore}."));
    }
}
