using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace Flask.Testing;

/// <summary>
/// Compares a run with a baseline, skill by skill, with a paired bootstrap over the tests both scored: a skill
/// regresses when the whole confidence interval of its mean paired difference is below zero and the mean drop is at
/// least the tolerance. Noise on one test moves the interval little; a drop across tests moves all of it. A baseline
/// whose entries mostly no longer pair with the run's tests fails the gate (<see cref="BaselinePairing"/>).
/// </summary>
public static class RegressionGate
{
    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/>.</summary>
    public static GateReport Compare(Baseline baseline, IEnumerable<ScoredResponse> current, GateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        options ??= new GateOptions();
        var now = Baseline.From(current);
        Dictionary<string, string> names = current.SelectMany(r => r.Skills).GroupBy(s => s.Id).ToDictionary(g => g.Key, g => g.First().Name);

        var paired = new List<(string Skill, string Name, (string Test, double Before, double After)[] Pairs, double[] Differences)>();
        var tooFew = new List<string>();
        foreach (string skill in baseline.Scores.Values.SelectMany(s => s.Keys).Union(now.Scores.Values.SelectMany(s => s.Keys)).Distinct().Order(StringComparer.Ordinal))
        {
            (string Test, double Before, double After)[] pairs = [.. baseline.Scores
                .Where(t => t.Value.ContainsKey(skill) && now.Scores.TryGetValue(t.Key, out var c) && c.ContainsKey(skill))
                .Select(t => (t.Key, t.Value[skill], now.Scores[t.Key][skill]))];
            string name = names.GetValueOrDefault(skill, skill);
            if (pairs.Length < options.MinPairs)
            {
                tooFew.Add(name);
                continue;
            }
            paired.Add((skill, name, pairs, [.. pairs.Select(p => p.After - p.Before)]));
        }
        // Each skill's bootstrap has its own generator from the same seed, so the skills can be resampled at once, on
        // every core, with the very intervals one after another gives (docs/performance.md).
        var intervals = new (double Lower, double Upper)[paired.Count];
        Parallel.For(0, paired.Count, i => intervals[i] = BootstrapInterval(paired[i].Differences, options));

        var comparisons = new List<SkillComparison>();
        for (int i = 0; i < paired.Count; i++)
        {
            var (skill, name, pairs, differences) = paired[i];
            var (lower, upper) = intervals[i];
            double meanDifference = differences.Average();
            comparisons.Add(new SkillComparison(skill, name, pairs.Length, pairs.Average(p => p.Before), pairs.Average(p => p.After), lower, upper,
                Regressed: upper < 0 && meanDifference <= -options.Tolerance,
                [.. pairs.Where(p => p.After < p.Before).OrderBy(p => p.After - p.Before).ThenBy(p => p.Test, StringComparer.Ordinal)
                    .Select(p => FormattableString.Invariant($"{p.Test} ({p.Before:0.#} → {p.After:0.#})"))]));
        }
        return new GateReport(comparisons, tooFew, options) { Pairing = BaselinePairing.Of(baseline, now) };
    }

    /// <summary>
    /// Percentile bootstrap interval of the mean of <paramref name="differences"/>: <see cref="GateOptions.Resamples"/>
    /// resamples drawn with <c>System.Random(Seed)</c>'s sequence (<see cref="SubtractiveRandom"/>, written out for speed:
    /// the same draws, sums in the same order, so the same interval to the last bit).
    /// </summary>
    internal static (double Lower, double Upper) BootstrapInterval(double[] differences, GateOptions options)
    {
        var random = new SubtractiveRandom(options.Seed);
        var means = new double[options.Resamples];
        int n = differences.Length;
        for (int b = 0; b < means.Length; b++)
            means[b] = random.SumOfResample(differences) / n;
        Array.Sort(means);
        double alpha = 1 - options.Confidence;
        return (SortedQuantile.Of(means, alpha / 2), SortedQuantile.Of(means, 1 - alpha / 2));
    }
}
