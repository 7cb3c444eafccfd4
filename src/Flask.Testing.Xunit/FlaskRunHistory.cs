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
    /// <summary>The summary's history section, or null when the history is off; <paramref name="judge"/> gives the history setting and the gate's options.</summary>
    public static string? Record(Assembly assembly, string resultsDirectory, IReadOnlyList<ScoredResponse> responses, FlaskTestJudge judge)
    {
        string projectDirectory = FlaskTestPaths.ProjectDirectory(assembly);
        if (RunHistory.Location(judge.Run.History, resultsDirectory, projectDirectory) is not { } path)
            return null;
        try
        {
            using RunStore store = RunStore.Open(path);
            string project = assembly.GetName().Name ?? "tests";
            RunInfo? previous = store.List(new RunFilter { Project = project, Last = 1 }) is [var last, ..] ? last : null;
            string? rubrics = SkillCatalogAttribute.Of(assembly) is { } catalog ? RunFingerprint.Rubrics(catalog) : null;
            string version = typeof(RunStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
            RunInfo run = store.Record(RunInfo.Of(project, "test", responses, GitCheckout.Of(projectDirectory), rubrics, version, DateTimeOffset.UtcNow), responses);
            var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"\n## Run history\n\nRecorded as run {run.Id} in {path}.\n");
            if (previous is null)
                return text.ToString();
            RunComparison comparison = RunComparison.Of([.. store.Results(previous.Id)], responses, $"run {previous.Id}", $"run {run.Id}", judge.Gate);
            string[] lines = [.. comparison.SkillLines()];
            text.Append(CultureInfo.InvariantCulture,
                $"\nSince run {previous.Id} ({previous.RecordedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC{(previous.Commit is { } c ? $", {previous.Branch ?? "detached"}@{c[..Math.Min(7, c.Length)]}" : string.Empty)}):\n\n");
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
