namespace Flask.Testing;

/// <summary>What the judge's answer says about one skill.</summary>
public enum SkillScoreStatus
{
    /// <summary>The judge gave a score from 1 to 5.</summary>
    Scored,

    /// <summary>The judge said the skill does not apply (FLASK's <c>N/A</c>): not scored, not zero, left out of averages.</summary>
    NotApplicable,

    /// <summary>The judge gave no usable score (missing, out of 1..5, unreadable) even after being asked again.</summary>
    JudgeError,
}
