namespace Flask.Testing;

/// <summary>One judge's reading of one skill in one sample (of K samples, or of one panel member).</summary>
/// <param name="Judge">The judge model (or panel member name) that gave it.</param>
/// <param name="Sample">The sample number, from 1.</param>
/// <param name="Status">Scored, N/A or judge error.</param>
/// <param name="Score">The score, when scored.</param>
/// <param name="Feedback">The judge's feedback for the skill.</param>
/// <param name="Error">Why the reading is a judge error, when it is one.</param>
public sealed record SkillSample(string Judge, int Sample, SkillScoreStatus Status, double? Score, string Feedback, string? Error);
