namespace Flask.Testing;

/// <summary>One level of a skill's 1..5 scale and what a response at that level looks like.</summary>
/// <param name="Score">The score, 1 (worst) to 5 (best).</param>
/// <param name="Description">The rubric text for that score, as the judge sees it.</param>
public sealed record ScoreLevel(int Score, string Description);
