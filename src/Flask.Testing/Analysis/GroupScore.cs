using System.Globalization;

namespace Flask.Testing.Analysis;

/// <summary>The average of one group (a skill, ability, domain, difficulty level, …): FLASK's mean over scored pairs.</summary>
/// <param name="Key">The group (e.g. skill id, domain label, or "skill|difficulty").</param>
/// <param name="Label">How the group is shown.</param>
/// <param name="Mean">The mean score; null when nothing was scored.</param>
/// <param name="Count">Scored (response, skill) pairs.</param>
/// <param name="Low">Lower bound of the 95 % confidence interval, clipped to the scale; null when Count &lt; 2.</param>
/// <param name="High">Upper bound of the 95 % confidence interval, clipped to the scale; null when Count &lt; 2.</param>
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

    /// <summary>
    /// The interval as the reports print it, "[2.10, 4.80]", or "–" where there is none (fewer than two scores): never
    /// a made-up "±0.00". Bounds rather than ± because clipping to the scale makes it asymmetric.
    /// </summary>
    public string IntervalText() => Low is { } low && High is { } high
        ? string.Create(CultureInfo.InvariantCulture, $"[{low:0.00}, {high:0.00}]")
        : "–";
}
