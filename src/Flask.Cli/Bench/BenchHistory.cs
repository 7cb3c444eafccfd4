using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flask.Cli.Commands;
using Flask.Cli.History;
using Flask.Testing;

namespace Flask.Cli.Bench;

/// <summary>
/// Records a bench run in the run history (docs/history.md) when it ends: its results (the whole results file, resumed
/// results included), what it selected, how many of those have no result, and how it ended.
/// </summary>
/// <param name="settings">The run's settings (<c>--store</c> over <c>FLASK_HISTORY</c>).</param>
/// <param name="target">The results file.</param>
/// <param name="isDevice">Whether the output is a device (/dev/null): nothing to record.</param>
/// <param name="isResume">Whether the results file held results before the run.</param>
/// <param name="project">The data set's file name.</param>
/// <param name="rubricFingerprint">The rubrics' fingerprint.</param>
/// <param name="selected">The instances the filters selected.</param>
/// <param name="unreadable">Data lines that gave no instance (unreadable, not paired): selected, never judged.</param>
internal sealed class BenchHistory(FlaskSettings settings, string target, bool isDevice, bool isResume, string project, string rubricFingerprint,
    IReadOnlyCollection<FlaskInstance> selected, int unreadable)
{
    /// <summary>Records the run, unless the history is off, the output is a device or could not be written, or nothing was judged.</summary>
    public void Record(BenchStats stats, BenchRunner runner, RunEnding ending)
    {
        if (isDevice || stats.WriteFailure is not null || CliStore.Location(settings, Path.GetDirectoryName(target)!) is not { } store)
            return;
        // Without --resume the file holds exactly what this run wrote, in the order written (the runner kept it): no need
        // to read it back. A resumed file also holds the earlier results, which only the file has.
        IReadOnlyList<ScoredResponse> results = isResume ? [.. ResultsJson.ReadLines(target)] : runner.Written;
        if (results.Count == 0)
            return;
        var ids = new HashSet<string>(results.Select(r => r.Id), StringComparer.Ordinal);
        RunInfo run = CliStore.Record(store, project, "bench", results, rubricFingerprint,
            selected: selected.Count + unreadable, notJudged: unreadable + selected.Count(i => !ids.Contains(i.Id)), ending);
        CliRunner.Line(run.IsComplete ? $"Run history: run {run.Id} in {store}" : $"Run history: run {run.Id} in {store} ({run.Completeness})");
    }
}
