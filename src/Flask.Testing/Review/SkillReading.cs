namespace Flask.Testing;

/// <summary>What one review says about one skill.</summary>
internal sealed record SkillReading(Skill Skill, SkillScoreStatus Status, double? Score, string Feedback, string? Error);
