using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Flask.Testing.Xunit;

/// <summary>
/// Records a test run in the run history (docs/history.md) and says what changed since the project's previous run.
/// The history is a record, not a verdict: a store that cannot be written is said in the summary, and the run's own
/// outcome (tests, gate) stands.
/// </summary>
internal static class FlaskRunHistory
{
    /// <summary>
    /// The summary's history section for a run recorded in the store at <paramref name="path"/>; <paramref name="judge"/>
    /// gives the gate's options. <paramref name="recording"/> holds the run's results as its results file has them;
    /// <paramref name="notJudged"/> FLASK tests ran without being judged; <paramref name="ending"/> says whether the run
    /// was cancelled.
    /// </summary>
    public static string Record(Assembly assembly, string path, RunRecording recording, int notJudged, RunEnding ending, FlaskTestJudge judge)
    {
        IReadOnlyList<ScoredResponse> responses = recording.Results;
        string projectDirectory = FlaskTestPaths.ProjectDirectory(assembly);
        try
        {
            using RunStore store = RunStore.Open(path);
            string project = assembly.GetName().Name ?? "tests";
            string? rubrics = SkillCatalogAttribute.Of(assembly) is { } catalog ? RunFingerprint.Rubrics(catalog) : null;
            string version = typeof(RunStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
            RunInfo run = store.Record(RunInfo.Of(project, "test", responses, GitCheckout.Of(projectDirectory), rubrics, version, DateTimeOffset.UtcNow)
                with { Selected = responses.Count + notJudged, NotJudged = notJudged, Ending = ending }, recording);
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"\n## Run history\n\nRecorded as run {run.Id} in {path}.\n");
            if (run.IncompleteNote is { } incomplete)
                text.Append(CultureInfo.InvariantCulture, $"\nThis run is incomplete: {incomplete}.\n");
            // What changed is said against the newest complete run: an incomplete one would show its missing tests as
            // changes (docs/history.md). The incomplete runs passed over are named.
            var (previous, passedOver) = store.PreviousComplete(project, run.Id);
            string skipped = passedOver.Count == 0 ? string.Empty
                : $"; left out, not complete: {string.Join("; ", passedOver.Take(3).Select(r => r.IncompleteNote))}{(passedOver.Count > 3 ? $"; and {passedOver.Count - 3} more" : string.Empty)}";
            if (previous is null)
                return passedOver.Count == 0 ? text.ToString() : text.Append(CultureInfo.InvariantCulture, $"\nNo complete earlier run of {project} to compare with{skipped}.\n").ToString();
            RunComparison comparison = RunComparison.Of([.. store.Results(previous.Id)], responses, $"run {previous.Id}", $"run {run.Id}", judge.Gate);
            string[] lines = [.. comparison.SkillLines()];
            text.Append(CultureInfo.InvariantCulture,
                $"\nSince run {previous.Id} ({previous.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(previous.Commit is { } c ? $", {previous.Branch ?? "detached"}@{c[..Math.Min(7, c.Length)]}" : string.Empty)}" +
                $"{(passedOver.Count > 0 ? $", the newest complete run{skipped}" : string.Empty)}):\n\n");
            text.Append(lines.Length == 0 ? "No skill moved.\n" : string.Concat(lines.Select(l => $"- {l}\n")));
            text.Append(CultureInfo.InvariantCulture, $"\nSee dotnet flask compare {previous.Id} {run.Id} --store \"{path}\".\n");
            return text.ToString();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return $"\n## Run history\n\nNOT recorded in {path}: {e.Message.Split('\n')[0].TrimEnd('\r')} Set {RunHistory.Variable} to a writable file, or to off.\n";
        }
    }
}
