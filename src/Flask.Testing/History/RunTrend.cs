using System;
using System.Collections.Generic;
using System.Linq;
using Flask.Testing.Analysis;

namespace Flask.Testing;

/// <summary>
/// The trend of a series of recorded runs (docs/history.md, "trend"): per skill, each run's mean score, oldest run
/// first, over the runs a <see cref="RunFilter"/> selects. A mean is FLASK's (over the run's scored (result, skill)
/// pairs, N/A and judge errors left out, as <see cref="FlaskAnalysis"/> averages); a run without a score for a skill is
/// a gap, not a zero. Read from the store's score rows, one aggregate query per run, so its memory is the table of
/// means whatever the runs hold.
/// </summary>
/// <param name="Runs">The runs, oldest first.</param>
/// <param name="Skills">Every skill any of the runs scored, in the catalog's order (others after them, by id).</param>
/// <param name="Tolerance">The gate's tolerance, for marking how far below the baseline a drop starts to count.</param>
public sealed record RunTrend(IReadOnlyList<RunInfo> Runs, IReadOnlyList<SkillTrend> Skills, double Tolerance)
{
    /// <summary>
    /// The trend of the runs of <paramref name="store"/> that <paramref name="filter"/> selects, with each skill's mean
    /// in <paramref name="baseline"/> (the gate's baseline) marked when given.
    /// </summary>
    public static RunTrend Of(RunStore store, RunFilter filter, SkillCatalog catalog, Baseline? baseline = null, GateOptions? gate = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(catalog);
        RunInfo[] runs = [.. store.List(filter).Reverse()];
        IReadOnlyDictionary<long, IReadOnlyDictionary<string, (double Mean, int Count)>> means = store.SkillMeans(runs.Select(r => r.Id));
        IEnumerable<string> ids = means.Values.SelectMany(m => m.Keys).Distinct(StringComparer.Ordinal)
            .OrderBy(id => FlaskAnalysis.SkillOrder(catalog, id)).ThenBy(id => id, StringComparer.Ordinal);
        SkillTrend[] skills = [.. ids.Select(id => new SkillTrend(id, catalog.Find(id)?.Name ?? id,
            [.. runs.Select(run => means[run.Id].TryGetValue(id, out var m) ? new TrendPoint(run.Id, m.Mean, m.Count) : new TrendPoint(run.Id, null, 0))],
            baseline is null ? null : BaselineMean(baseline, id)))];
        return new RunTrend(runs, skills, (gate ?? new GateOptions()).Tolerance);
    }

    /// <summary>The mean of a skill's scores in a baseline, over the tests it scored; null when it scored none.</summary>
    private static double? BaselineMean(Baseline baseline, string skill)
    {
        double[] scores = [.. baseline.Scores.Values.Where(s => s.ContainsKey(skill)).Select(s => s[skill])];
        return scores.Length == 0 ? null : scores.Average();
    }

    /// <summary>
    /// A run as the trend's axis names it: its commit's first 7 hex digits, else "run ID" (no checkout recorded).
    /// </summary>
    public static string Label(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Commit is { Length: > 0 } commit ? commit[..Math.Min(7, commit.Length)] : $"run {run.Id}";
    }

    /// <summary>The run's checkout for a table cell: "main@3f2a9c1" ("-@3f2a9c1" on a detached head), "–" for a run recorded outside a git checkout.</summary>
    public static string Checkout(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.Commit is { Length: > 0 } commit ? $"{run.Branch ?? "-"}@{commit[..Math.Min(7, commit.Length)]}" : "–";
    }
}
