using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Flask.Testing.Benchmarks;

/// <summary>
/// The run history's workloads (<see cref="HistoryBenchmarks"/>) timed in one Release process, wall and CPU time per
/// run after two warm-ups, for a machine too loaded for BenchmarkDotNet's jobs (docs/performance.md, "The run
/// history"): <c>dotnet run -c Release --project benchmarks/Flask.Testing.Benchmarks -- history-timings [runs]</c>.
/// Besides the targets, it times their parts, to say where the CPU goes.
/// </summary>
internal static class HistoryTimings
{
    public static void Run(int runs)
    {
        ScoredResponse[] records = [.. Enumerable.Range(0, 15).SelectMany(m => HistoryBenchmarks.Run(1700, m, $"model-{m}"))];
        ScoredResponse[] before = HistoryBenchmarks.Run(1700, 1, "a"), after = HistoryBenchmarks.Run(1700, 2, "a");
        string directory = Path.Combine(Path.GetTempPath(), "flask-history-timings", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            Time("Record25500Results: one run of 15 × 1,700 results into a new store", runs, () =>
            {
                using RunStore store = RunStore.Open(Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db"));
                store.Record(RunInfo.Of("bench", "bench", records, GitCheckout.None, null, "bench", DateTimeOffset.UtcNow), records);
            });
            Time("  its part: serializing the 25,500 results lines", runs, () =>
            {
                foreach (ScoredResponse r in records)
                    ResultsJson.ToLine(r);
            });
            Time("  its part: RunInfo.Of (counts, fingerprint)", runs, () =>
                RunInfo.Of("bench", "bench", records, GitCheckout.None, null, "bench", DateTimeOffset.UtcNow));
            Time("Compare1700Results: RunComparison.Of of two 1,700-result runs", runs, () => RunComparison.Of(before, after, "before", "after"));
            Time("  its part: the gate alone (RegressionGate.Compare)", runs, () => RegressionGate.Compare(Baseline.From(before), after));
            GateOptions options = new();
            Baseline baseline = Baseline.From(before), now = Baseline.From(after);
            double[][] differences = [.. baseline.Scores.Values.SelectMany(s => s.Keys).Distinct().Order(StringComparer.Ordinal).Select(skill =>
                baseline.Scores.Where(t => t.Value.ContainsKey(skill) && now.Scores.TryGetValue(t.Key, out var c) && c.ContainsKey(skill))
                    .Select(t => now.Scores[t.Key][skill] - t.Value[skill]).ToArray())];
            Time("  its part: the six bootstraps alone (the arithmetic)", runs, () =>
            {
                foreach (double[] d in differences)
                    RegressionGate.BootstrapInterval(d, options);
            });
            string stored = Path.Combine(directory, "two.db");
            using (RunStore store = RunStore.Open(stored))
            {
                store.Record(RunInfo.Of("a", "bench", before, GitCheckout.None, null, "bench", DateTimeOffset.UtcNow), before);
                store.Record(RunInfo.Of("a", "bench", after, GitCheckout.None, null, "bench", DateTimeOffset.UtcNow), after);
            }
            Time("compare 1 2 from a store: reading both runs, then RunComparison.Of", runs, () =>
            {
                using RunStore store = RunStore.Open(stored);
                RunComparison.Of([.. store.Results(1)], [.. store.Results(2)], "run 1", "run 2");
            });
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Time(string name, int runs, Action work)
    {
        work();
        work();
        var wall = new List<double>();
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            process.Refresh();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            work();
            clock.Stop();
            process.Refresh();
            wall.Add(clock.Elapsed.TotalSeconds);
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalSeconds);
        }
        wall.Sort();
        cpu.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: wall median {wall[runs / 2]:0.000} s ({wall[0]:0.000}–{wall[^1]:0.000}), CPU median {cpu[runs / 2]:0.000} s (min {cpu[0]:0.000}); load {Load()}"));
    }

    /// <summary>The 1-minute load average, as uptime says it.</summary>
    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
}
