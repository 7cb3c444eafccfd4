using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Flask.Cli.Commands;
using Flask.Cli.History;
using Flask.Testing;

namespace Flask.Cli.Bench;

/// <summary>
/// A bench run's record in the run history (docs/history.md): at the start, what its results file is written through
/// (<see cref="Recording"/>); when it ends, its results (the whole results file, resumed results included), what it
/// selected, how many of those have no result, and how it ended.
/// </summary>
internal sealed class BenchHistory
{
    private readonly string _target;
    private readonly string _project;
    private readonly string _rubricFingerprint;
    private readonly IReadOnlyCollection<FlaskInstance> _selected;
    private readonly int _unreadable;
    private readonly string? _store;

    /// <summary>Finds the run's store (none: the history is off, or the output is a device) before the run starts.</summary>
    /// <param name="settings">The run's settings (<c>--store</c> over <c>FLASK_HISTORY</c>).</param>
    /// <param name="target">The results file.</param>
    /// <param name="isDevice">Whether the output is a device (/dev/null): nothing to record.</param>
    /// <param name="isResume">Whether the results file held results before the run.</param>
    /// <param name="project">The data set's file name.</param>
    /// <param name="rubricFingerprint">The rubrics' fingerprint.</param>
    /// <param name="selected">The instances the filters selected.</param>
    /// <param name="unreadable">Data lines that gave no instance (unreadable, not paired): selected, never judged.</param>
    public BenchHistory(FlaskSettings settings, string target, bool isDevice, bool isResume, string project, string rubricFingerprint,
        IReadOnlyCollection<FlaskInstance> selected, int unreadable)
    {
        (_target, _project, _rubricFingerprint, _selected, _unreadable) = (target, project, rubricFingerprint, selected, unreadable);
        _store = isDevice ? null : CliStore.Location(settings, Path.GetDirectoryName(target)!);
        // A resumed file also holds the earlier results, which only the file has: read back when recorded.
        Recording = _store is not null && !isResume ? new RunRecording() : null;
    }

    /// <summary>
    /// What the results file is written through when the run is recorded and the file holds only what this run writes
    /// (no --resume): its results in the file's order, compressed as they are written. Null otherwise.
    /// </summary>
    public RunRecording? Recording { get; }

    /// <summary>Records the run, unless the history is off, the output is a device or could not be written, or nothing was judged.</summary>
    public void Record(BenchStats stats, RunEnding ending)
    {
        if (_store is not { } store || stats.WriteFailure is not null)
            return;
        RunRecording recording = Recording ?? RunRecording.Of(ResultsJson.ReadLines(_target));
        IReadOnlyList<ScoredResponse> results = recording.Results;
        if (results.Count == 0)
            return;
        var ids = new HashSet<string>(results.Select(r => r.Id), StringComparer.Ordinal);
        RunInfo run = CliStore.Record(store, _project, "bench", recording, _rubricFingerprint,
            selected: _selected.Count + _unreadable, notJudged: _unreadable + _selected.Count(i => !ids.Contains(i.Id)), ending);
        CliRunner.Line(run.IsComplete ? $"Run history: run {run.Id} in {store}" : $"Run history: run {run.Id} in {store} ({run.Completeness})");
    }
}
