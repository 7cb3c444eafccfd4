using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>One skill, baseline against current run, over the tests both scored.</summary>
/// <param name="Id">The skill id.</param>
/// <param name="Name">The skill's display name (its id when only the baseline knows it).</param>
/// <param name="Pairs">Tests scored in both.</param>
/// <param name="BaselineMean">The baseline's mean over those tests.</param>
/// <param name="CurrentMean">The current mean over those tests.</param>
/// <param name="Lower">Lower bound of the bootstrap interval of the mean paired difference (current − baseline).</param>
/// <param name="Upper">Upper bound of that interval.</param>
/// <param name="Regressed">Whether the drop is real: the whole interval is below zero and the mean drop is at least the tolerance.</param>
/// <param name="WorseTests">The tests whose score dropped, worst first.</param>
public sealed record SkillComparison(string Id, string Name, int Pairs, double BaselineMean, double CurrentMean, double Lower, double Upper,
    bool Regressed, IReadOnlyList<string> WorseTests)
{
    /// <summary>The mean paired difference, current − baseline.</summary>
    public double MeanDifference => CurrentMean - BaselineMean;
}
