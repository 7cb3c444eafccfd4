using System;

namespace Flask.Testing;

/// <summary>
/// The base of the evaluator generated for each rubric (e.g. <c>LogicalRobustnessEvaluator</c>): it judges one skill.
/// </summary>
public abstract class FlaskSkillEvaluator
{
    /// <summary>Creates an evaluator for <paramref name="skill"/>.</summary>
    protected FlaskSkillEvaluator(Skill skill) => Skill = skill ?? throw new ArgumentNullException(nameof(skill));

    /// <summary>The skill this evaluator judges.</summary>
    public Skill Skill { get; }
}
