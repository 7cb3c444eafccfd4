namespace Flask.Testing;

/// <summary>One skill over a run: FLASK's average over the scored (response, skill) pairs, and what was not scored.</summary>
/// <param name="Id">The skill id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Ability">The ability.</param>
/// <param name="Mean">The mean score over scored pairs (N/A and judge errors left out); null when none was scored.</param>
/// <param name="Scored">Pairs with a score.</param>
/// <param name="NotApplicable">Pairs the judge found N/A.</param>
/// <param name="JudgeErrors">Pairs without a usable score.</param>
/// <param name="BelowMinimum">Scored pairs below their minimum.</param>
public sealed record SkillSummary(string Id, string Name, string Ability, double? Mean, int Scored, int NotApplicable, int JudgeErrors, int BelowMinimum);
