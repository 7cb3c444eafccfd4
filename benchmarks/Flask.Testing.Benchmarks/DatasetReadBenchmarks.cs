using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace Flask.Testing.Benchmarks;

/// <summary>
/// The start of a <c>dotnet flask bench</c> run: reading FLASK's full data set (1,740 instances) and checking each
/// instance against the 12 FLASK rubrics' catalog, as the CLI does before its first judge call (issue #13).
/// </summary>
[Config(typeof(Config))]
public class DatasetReadBenchmarks
{
    private string? _path;

    [GlobalSetup]
    public void Setup()
    {
        string shared = SharedFlask();
        string path = Path.Combine(shared, "evaluation_set", "flask_evaluation.jsonl");
        if (File.Exists(path))
            _path = path;
        else
            Console.WriteLine($"// SKIPPED: FLASK reference data not found at {shared}. Put the FLASK data beside the clone as ../shared/flask or set FLASK_SHARED_DATA; the benchmark measures nothing.");
    }

    [Benchmark(Description = "Read FLASK's 1,740 instances (JSONL, 12-skill catalog)")]
    public int ReadFlaskSet() => _path is null ? 0 : FlaskDatasetReader.ReadInstances(_path, FlaskSkills.Catalog).Instances.Count;

    /// <summary>FLASK_SHARED_DATA, else ../shared/flask beside the clone (found above the benchmark or the current folder).</summary>
    private static string SharedFlask()
    {
        if (Environment.GetEnvironmentVariable("FLASK_SHARED_DATA") is { Length: > 0 } configured)
            return configured;
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Flask.Testing.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "flask"));
            }
        }
        return Path.GetFullPath(Path.Combine("..", "shared", "flask"));
    }
}
