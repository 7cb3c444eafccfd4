namespace Flask.Testing;

/// <summary>One skill whose score moved on one test between two runs.</summary>
/// <param name="Skill">The skill id.</param>
/// <param name="Name">The skill's display name.</param>
/// <param name="Before">The score in the first run.</param>
/// <param name="After">The score in the second run.</param>
/// <param name="FeedbackBefore">The judge's feedback for the skill in the first run.</param>
/// <param name="FeedbackAfter">The judge's feedback in the second run.</param>
public sealed record SkillMove(string Skill, string Name, double Before, double After, string FeedbackBefore, string FeedbackAfter)
{
    /// <summary>After − before: negative for a drop.</summary>
    public double Change => After - Before;
}
