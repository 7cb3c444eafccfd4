using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;

namespace Flask.Testing.Benchmarks;

/// <summary>A short job with allocations: enough for the numbers in docs/performance.md on a 2-core machine.</summary>
public sealed class Config : ManualConfig
{
    public Config()
    {
        AddJob(Job.ShortRun);
        AddDiagnoser(MemoryDiagnoser.Default);
    }
}
