namespace Flask.Testing.Analysis;

/// <summary>The average of one group (a skill, ability, domain, difficulty level, …): FLASK's mean over scored pairs.</summary>
/// <param name="Key">The group (e.g. skill id, domain label, or "skill|difficulty").</param>
/// <param name="Label">How the group is shown.</param>
/// <param name="Mean">The mean score; null when nothing was scored.</param>
/// <param name="Count">Scored (response, skill) pairs.</param>
/// <param name="Low">Lower bound of the 95 % confidence interval.</param>
/// <param name="High">Upper bound of the 95 % confidence interval.</param>
public sealed record GroupScore(string Key, string Label, double? Mean, int Count, double? Low, double? High)
{
    /// <summary>The skill's ability (skills only; null for other groups).</summary>
    public string? Ability { get; init; }

    /// <summary>Pairs the judge found N/A: counted, left out of the mean (skills only; null for other groups).</summary>
    public int? NotApplicable { get; init; }

    /// <summary>Pairs without a usable score: counted, left out of the mean (skills only; null for other groups).</summary>
    public int? JudgeErrors { get; init; }

    /// <summary>Scored pairs below the minimum their test required (skills only; results without minimums have none).</summary>
    public int? BelowMinimum { get; init; }
}
