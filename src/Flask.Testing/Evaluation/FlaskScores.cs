using System;
using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// The base of the typed result generated for each evaluator set (e.g. <c>SupportAnswerScores</c>, with a
/// <see cref="ScoredSkill"/> property per skill): every skill's outcome against its minimum, and whether all passed.
/// </summary>
public abstract class FlaskScores
{
    /// <summary>The outcomes of <paramref name="result"/>'s skills against <paramref name="minScores"/> (by skill id).</summary>
    protected FlaskScores(JudgeResult result, IReadOnlyDictionary<string, double> minScores)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(minScores);
        Result = result;
        // The one pass rule: ScoredSkill's, as for [FlaskSkill] tests and result files.
        Skills = [.. result.Scores.Select(s => ScoredSkill.From(s, minScores.TryGetValue(s.Skill.Id, out double min) ? min : null))];
    }

    /// <summary>The judge's whole result: prompt, reviews, tokens, latency.</summary>
    public JudgeResult Result { get; }

    /// <summary>Every skill's outcome, in the set's order.</summary>
    public IReadOnlyList<ScoredSkill> Skills { get; }

    /// <summary>Whether every skill passed: scored at or above its minimum, or N/A. A judge error never passes.</summary>
    public bool Passed => Skills.All(s => s.Passed);

    /// <summary>The outcome of the skill with this id.</summary>
    /// <exception cref="KeyNotFoundException">The skill is not part of the set.</exception>
    protected ScoredSkill Get(string id) => Skills.FirstOrDefault(s => s.Id == id)
        ?? throw new KeyNotFoundException($"Skill '{id}' was not judged in this set.");
}
