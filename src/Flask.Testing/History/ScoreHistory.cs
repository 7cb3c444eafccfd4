using System;
using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// Per test (or instance) and skill, its score in each of a series of recorded runs (docs/history.md): the sparklines
/// of <c>dotnet flask compare</c> and <c>report</c>. Only the tests asked for are kept. A run that did not score the
/// skill on the test, or that holds the test more than once (several models in one run), has no score there: a gap.
/// </summary>
public sealed class ScoreHistory
{
    private readonly Dictionary<(string Test, string Skill), double?[]> _scores;

    private ScoreHistory(IReadOnlyList<RunInfo> runs, Dictionary<(string, string), double?[]> scores)
    {
        Runs = runs;
        _scores = scores;
    }

    /// <summary>The runs, oldest first.</summary>
    public IReadOnlyList<RunInfo> Runs { get; }

    /// <summary>
    /// The history of the runs of <paramref name="store"/> that <paramref name="filter"/> selects (oldest first), for
    /// the tests <paramref name="tests"/> names.
    /// </summary>
    public static ScoreHistory Of(RunStore store, RunFilter filter, IEnumerable<string> tests)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(tests);
        RunInfo[] runs = [.. store.List(filter).Reverse()];
        var wanted = new HashSet<string>(tests, StringComparer.Ordinal);
        var scores = new Dictionary<(string, string), double?[]>();
        for (int i = 0; i < runs.Length; i++)
        {
            var seen = new Dictionary<string, long>(StringComparer.Ordinal);
            var twice = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (seq, test, skill, score) in store.Scores(runs[i].Id))
            {
                if (!wanted.Contains(test))
                    continue;
                // The same test at two places in one run is not one test's score: left a gap below.
                if (seen.TryGetValue(test, out long first) && first != seq)
                    twice.Add(test);
                seen[test] = seq;
                if (!scores.TryGetValue((test, skill), out double?[]? series))
                    scores[(test, skill)] = series = new double?[runs.Length];
                series[i] = score;
            }
            foreach (var key in scores.Keys.Where(k => twice.Contains(k.Item1)))
                scores[key][i] = null;
        }
        return new ScoreHistory(runs, scores);
    }

    /// <summary>The scores of <paramref name="skill"/> on <paramref name="test"/>, one per run (null where none); null when no run scored it.</summary>
    public IReadOnlyList<double?>? Of(string test, string skill) => _scores.GetValueOrDefault((test, skill));
}
