using System;
using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>
/// The base of the evaluator generated for each rubric (e.g. <c>LogicalRobustnessEvaluator</c>): a
/// <see cref="FlaskEvaluator"/> of that one skill.
/// </summary>
public abstract class FlaskSkillEvaluator : FlaskEvaluator
{
    /// <summary>Creates an evaluator for <paramref name="skill"/>.</summary>
    protected FlaskSkillEvaluator(Skill skill)
        : base([skill ?? throw new ArgumentNullException(nameof(skill))])
    {
        Skill = skill;
    }

    /// <summary>The skill this evaluator judges.</summary>
    public Skill Skill { get; }

    /// <summary>The lowest passing score; a metric below it is interpreted as failed. <see cref="PassRule.DefaultMinScore"/> (3) by default.</summary>
    public double MinScore
    {
        get => MinScores[Skill.Id];
        init => MinScores = new Dictionary<string, double> { [Skill.Id] = value };
    }
}
