using System;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace Flask.Testing.Benchmarks;

/// <summary>
/// The run history's targets (docs/performance.md): recording 25,500 results (15 models × 1,700) into a new store in
/// ≤ 1 s, and comparing two 1,700-result runs (gate statistics and per-test moves) in ≤ 0.5 s.
/// </summary>
[Config(typeof(Config))]
public class HistoryBenchmarks
{
    private ScoredResponse[] _records = null!;
    private ScoredResponse[] _before = null!;
    private ScoredResponse[] _after = null!;
    private string _directory = null!;
    private string _store = null!;

    /// <summary>Results shaped like FLASK's: about 1,500 characters of response, three skills with feedback.</summary>
    internal static ScoredResponse[] Run(int count, int seed, string model)
    {
        var random = new Random(seed);
        string[] skills = ["LogicalRobustness", "Factuality", "Readability", "Comprehension", "Conciseness", "Completeness"];
        return [.. Enumerable.Range(0, count).Select(i => new ScoredResponse
        {
            Id = (i % 1700).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Model = model,
            Instruction = "Explain the instruction number " + i + string.Concat(Enumerable.Repeat(" with some detail", 10)),
            Response = string.Concat(Enumerable.Repeat($"Sentence {random.Next(100)} of a response that explains things at length. ", 25)),
            JudgeModel = "gpt-4o",
            InputTokens = 1500,
            OutputTokens = 200,
            Skills = [.. skills.Skip(i % 4).Take(3).Select(s => new ScoredSkill(s, s, "Ability", SkillScoreStatus.Scored, random.Next(1, 6), null, true,
                "The response covers the main points, but one claim is unsupported and the ending is abrupt.", null))],
        })];
    }

    [GlobalSetup]
    public void Setup()
    {
        _records = [.. Enumerable.Range(0, 15).SelectMany(m => Run(1700, m, $"model-{m}"))];
        _before = Run(1700, 1, "a");
        _after = Run(1700, 2, "a");
        _directory = Path.Combine(Path.GetTempPath(), "flask-history-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [IterationSetup(Target = nameof(Record25500Results))]
    public void NewStore() => _store = Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db");

    [Benchmark]
    public long Record25500Results()
    {
        using RunStore store = RunStore.Open(_store);
        return store.Record(RunInfo.Of("bench", "bench", _records, GitCheckout.None, null, "bench", DateTimeOffset.UtcNow), _records).Id;
    }

    [Benchmark]
    public int Compare1700Results() => RunComparison.Of(_before, _after, "before", "after").Changes.Count;

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);
}
