using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Reflection;

namespace Flask.Testing.Xunit;

/// <summary>
/// Every FLASK score of the run, kept for the end-of-run summary and gate and appended to
/// <c>results.jsonl</c> as each test finishes, so a run killed half-way loses nothing it had judged.
/// </summary>
internal static class FlaskRunLog
{
    private static readonly ConcurrentQueue<ScoredResponse> Responses = new();
    private static readonly object FileLock = new();
    private static string? _file;

    public static string ResultsDirectory(Assembly assembly) =>
        FlaskTestJudge.For(assembly).Run.ResultsDirectory is { } configured
            ? FlaskTestPaths.Resolve(assembly, configured)
            : Path.Combine(FlaskTestPaths.ProjectDirectory(assembly), "TestResults", "flask");

    /// <summary>Starts a run: an empty results file.</summary>
    public static void Start(Assembly assembly)
    {
        lock (FileLock)
        {
            string directory = ResultsDirectory(assembly);
            Directory.CreateDirectory(directory);
            _file = Path.Combine(directory, "results.jsonl");
            File.WriteAllText(_file, string.Empty);
        }
    }

    public static void Add(Assembly assembly, ScoredResponse response)
    {
        Responses.Enqueue(response);
        lock (FileLock)
        {
            if (_file is null)
                Start(assembly);
            File.AppendAllText(_file!, ResultsJson.ToLine(response) + "\n");
        }
    }

    public static IReadOnlyList<ScoredResponse> All => [.. Responses];

    /// <summary>The results file of the run, once started.</summary>
    public static string? ResultsFile => _file;
}
