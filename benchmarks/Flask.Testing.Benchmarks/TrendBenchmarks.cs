using System;
using System.IO;
using BenchmarkDotNet.Attributes;

namespace Flask.Testing.Benchmarks;

/// <summary>
/// The run history's trend target (docs/performance.md): the trend of 100 runs of 1,700 results each in ≤ 1 s, with
/// memory flat as runs grow (the allocations at 25 and at 100 runs differ by the table of means, not by the results).
/// </summary>
[Config(typeof(Config))]
public class TrendBenchmarks
{
    private string _directory = null!;
    private RunStore _store = null!;

    /// <summary>How many of the store's 100 runs the trend covers.</summary>
    [Params(25, 100)]
    public int Runs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "flask-trend-bench", Guid.NewGuid().ToString("N"));
        _store = RunStore.Open(Path.Combine(_directory, "history.db"));
        for (int run = 0; run < 100; run++)
        {
            ScoredResponse[] results = HistoryBenchmarks.Run(1700, run, "m");
            _store.Record(RunInfo.Of("bench", "bench", results, GitCheckout.None, null, "bench", DateTimeOffset.UtcNow), results);
        }
    }

    [Benchmark]
    public int Trend() => RunTrend.Of(_store, new RunFilter { Project = "bench", Last = Runs }, FlaskSkills.Catalog).Skills.Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
