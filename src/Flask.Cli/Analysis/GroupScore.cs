using System.Globalization;

namespace Flask.Cli.Analysis;

/// <summary>The average of one group (a skill, ability, domain, difficulty level, …): FLASK's mean over scored pairs.</summary>
/// <param name="Key">The group (e.g. skill id, domain label, or "skill|difficulty").</param>
/// <param name="Label">How the group is shown.</param>
/// <param name="Mean">The mean score; null when nothing was scored.</param>
/// <param name="Count">Scored (response, skill) pairs.</param>
/// <param name="Low">Lower bound of the 95 % confidence interval, clipped to the scale; null when Count &lt; 2.</param>
/// <param name="High">Upper bound of the 95 % confidence interval, clipped to the scale; null when Count &lt; 2.</param>
internal sealed record GroupScore(string Key, string Label, double? Mean, int Count, double? Low, double? High)
{
    /// <summary>
    /// The interval as the reports print it, "[2.10, 4.80]", or "–" where there is none (fewer than two scores): never
    /// a made-up "±0.00". Bounds rather than ± because clipping to the scale makes it asymmetric.
    /// </summary>
    public string IntervalText() => Low is { } low && High is { } high
        ? string.Create(CultureInfo.InvariantCulture, $"[{low:0.00}, {high:0.00}]")
        : "–";
}
