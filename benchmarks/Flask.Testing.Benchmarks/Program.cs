using BenchmarkDotNet.Running;

// history-timings [runs]: the run history's workloads timed in one process (a loaded machine; docs/performance.md).
if (args is ["history-timings", ..])
{
    Flask.Testing.Benchmarks.HistoryTimings.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 7);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Flask.Testing.Benchmarks.JudgePathBenchmarks).Assembly).Run(args);
