using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Xunit.Tests;

/// <summary>
/// FLASK tests run concurrently up to the judge's concurrency, whatever the number of cores (this machine may have 2),
/// each still its own result: the concurrency fixture assembly, run as a process against the loopback judge.
/// </summary>
public sealed class ConcurrencyTests : IDisposable
{
    private const string Fixtures = "Flask.Testing.Xunit.ConcurrencyFixtures";
    private readonly TempDirectory _work = new("flask-xunit-concurrency");

    public void Dispose() => _work.Dispose();

    private static Dictionary<string, string?> Judge(LoopbackJudge judge, string cache = "off", string? cacheDirectory = null) => new()
    {
        ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
        ["FLASK_JUDGE_MODEL"] = "fixture-judge",
        ["FLASK_JUDGE_CACHE"] = cache,
        ["FLASK_JUDGE_CACHE_DIR"] = cacheDirectory,
    };

    private static Func<JudgeCall, JudgeReply> Slow(int milliseconds) =>
        call => FixtureRun.Script()(call) with { Delay = TimeSpan.FromMilliseconds(milliseconds) };

    private static Task<FixtureRun> RunAsync(string work, IReadOnlyDictionary<string, string?> environment, params string[] arguments) =>
        FixtureRun.RunAssemblyAsync(FixtureRun.ConcurrencyFixtureAssembly, work, environment, arguments);

    [Fact]
    public async Task Rows_of_a_theory_are_judged_up_to_the_default_concurrency_of_8_each_its_own_result()
    {
        await using var judge = await LoopbackJudge.StartAsync(Slow(200));

        FixtureRun run = await RunAsync(_work, Judge(judge), "-class", $"{Fixtures}.Rows100");

        Assert.Equal(8, judge.MaxConcurrentRequests);   // one row at a time before; never more than the judge's limit
        Assert.Equal(100, judge.RequestCount);
        // Every row is its own test result with its own verdict and message: rows 7, 17, … score 2 and fail.
        Assert.Equal(
            Enumerable.Range(1, 100).Select(i => $"{Fixtures}.Rows100.Row(item: {i}): {(i % 10 == 7 ? "Fail" : "Pass")}").Order(StringComparer.Ordinal),
            run.Outcomes.Select(o => $"{o.Key}: {o.Value.Result}").Order(StringComparer.Ordinal));
        Assert.All(run.Outcomes.Where(o => o.Value.Result == "Fail"), o => Assert.Contains("Factuality     2 / min 3  FAIL", o.Value.Message));
        Assert.All(run.Outcomes.Where(o => o.Value.Result == "Pass"), o => Assert.Contains("Factuality     4 / min 3  pass", o.Value.Output));
        // results.jsonl: exactly one line per judged row.
        ScoredResponse[] results = [.. ResultsJson.ReadLines(Path.Combine(run.ResultsDirectory, "results.jsonl"))];
        Assert.Equal(run.Outcomes.Keys.Order(StringComparer.Ordinal), results.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Facts_of_several_classes_are_judged_up_to_the_configured_concurrency_not_the_core_count()
    {
        await using var judge = await LoopbackJudge.StartAsync(Slow(200));
        var environment = Judge(judge);
        environment["FLASK_JUDGE_CONCURRENCY"] = "12";

        FixtureRun run = await RunAsync(_work, environment, "-class", $"{Fixtures}.FactsA", "-class", $"{Fixtures}.FactsB",
            "-class", $"{Fixtures}.FactsC", "-class", $"{Fixtures}.FactsD");

        Assert.Equal(12, judge.MaxConcurrentRequests);
        Assert.Equal(40, run.Outcomes.Count);
        Assert.All(run.Outcomes.Values, o => Assert.Equal("Pass", o.Result));
        Assert.Equal(40, judge.Calls.Select(c => c.UserPrompt).Distinct().Count());
    }

    [Fact]
    public async Task A_concurrent_run_asks_the_same_prompts_records_the_same_cache_entries_and_gives_the_same_verdicts_as_a_sequential_one()
    {
        await using var concurrentJudge = await LoopbackJudge.StartAsync(Slow(20));
        await using var sequentialJudge = await LoopbackJudge.StartAsync(Slow(20));
        string concurrentCache = Path.Combine(_work, "cache-concurrent"), sequentialCache = Path.Combine(_work, "cache-sequential");

        FixtureRun concurrent = await RunAsync(Path.Combine(_work, "concurrent"), Judge(concurrentJudge, "readwrite", concurrentCache),
            "-class", $"{Fixtures}.Rows100");
        FixtureRun sequential = await RunAsync(Path.Combine(_work, "sequential"), Judge(sequentialJudge, "readwrite", sequentialCache),
            "-class", $"{Fixtures}.Rows100", "-parallelMode", "none");

        Assert.True(concurrentJudge.MaxConcurrentRequests > 1, $"the concurrent run had {concurrentJudge.MaxConcurrentRequests} call(s) in flight at most");
        Assert.Equal(1, sequentialJudge.MaxConcurrentRequests);
        Assert.Equal(
            sequentialJudge.Calls.Select(c => c.SystemPrompt + "\n" + c.UserPrompt).Order(StringComparer.Ordinal),
            concurrentJudge.Calls.Select(c => c.SystemPrompt + "\n" + c.UserPrompt).Order(StringComparer.Ordinal));
        // A lost entry has been seen once in CI: on failure, say what the run said (cache warnings reach test output).
        int entries = Entries(concurrentCache).Count();
        Assert.True(entries == 100, $"{entries} entries in the cache for 100 judged rows ({concurrentJudge.RequestCount} judge calls):\n" +
            string.Join("\n", concurrent.Outcomes.Where(o => o.Value.Result != "Pass" || o.Value.Output.Contains("warning", StringComparison.OrdinalIgnoreCase))
                .Select(o => $"{o.Key}: {o.Value.Result} {o.Value.Message} {o.Value.Output}")) + "\n" + concurrent.Output);
        Assert.Equal(Entries(sequentialCache), Entries(concurrentCache));
        Assert.Equal(sequential.Outcomes.ToDictionary(o => o.Key, o => o.Value.Result), concurrent.Outcomes.ToDictionary(o => o.Key, o => o.Value.Result));
        Assert.Equal(Verdicts(sequential), Verdicts(concurrent));

        // The cache's journals (one line per entry: {"key": ..., "entry": ...}), in order: a later line for a key wins.
        static IEnumerable<string> Entries(string directory) => Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(File.ReadLines).Where(l => l.Length > 0).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Aggregate(new SortedDictionary<string, string>(StringComparer.Ordinal), (entries, line) =>
            {
                entries[line.GetProperty("key").GetString()!] = line.GetProperty("entry").GetRawText();
                return entries;
            })
            .Select(e => $"{e.Key}\n{e.Value}");

        static IEnumerable<string> Verdicts(FixtureRun run) => ResultsJson.ReadLines(Path.Combine(run.ResultsDirectory, "results.jsonl"))
            .Select(r => $"{r.Id} {r.Instruction} {r.Response} " + string.Join(", ", r.Skills.Select(s => $"{s.Id} {s.Status} {s.Score} {s.MinScore} {s.Passed} {s.Feedback}")))
            .Order(StringComparer.Ordinal);
    }

    [Fact]
    public async Task Tests_that_opt_out_with_xunits_DisableParallelization_run_alone()
    {
        var (judge, inFlightAtArrival) = await StartRecordingJudgeAsync();
        await using LoopbackJudge started = judge;

        FixtureRun run = await RunAsync(_work, Judge(started), "-class", $"{Fixtures}.FactsA", "-class", $"{Fixtures}.OptOut",
            "-class", $"{Fixtures}.InSequentialCollection");

        string[] optedOut = [.. run.Outcomes.Keys.Where(k => !k.StartsWith($"{Fixtures}.FactsA.", StringComparison.Ordinal))];
        Assert.Equal(6 + 1 + 6, optedOut.Length);   // [FlaskData(DisableParallelization = true)], [Fact(DisableParallelization = true)], a collection that disables it
        AssertOptedOutRanAlone(started, inFlightAtArrival, optedOut: 13);
    }

    [Fact]
    public async Task Under_dotnet_test_the_data_attributes_DisableParallelization_and_the_other_opt_outs_run_alone_too()
    {
        // Microsoft.Testing.Platform (what dotnet test runs) re-creates the test cases from their serialized form: an
        // opt-out that lives only on the attribute, not on each data row, was lost there and the rows ran 8 at a time.
        var (judge, inFlightAtArrival) = await StartRecordingJudgeAsync();
        await using LoopbackJudge started = judge;

        var (exitCode, output) = await FixtureDotnetTest.RunProjectAsync(FixtureRun.ConcurrencyFixtureProject, _work, Judge(started),
            "--filter-class", $"{Fixtures}.FactsA", "--filter-class", $"{Fixtures}.OptOut", "--filter-class", $"{Fixtures}.InSequentialCollection");

        Assert.True(exitCode == 0, output);
        Assert.Contains("total: 23", output);
        AssertOptedOutRanAlone(started, inFlightAtArrival, optedOut: 13);
    }

    /// <summary>A slow judge that notes how many calls were in flight when each call arrived (itself included).</summary>
    private static async Task<(LoopbackJudge Judge, ConcurrentDictionary<string, int> InFlightAtArrival)> StartRecordingJudgeAsync()
    {
        LoopbackJudge? judge = null;
        var inFlightAtArrival = new ConcurrentDictionary<string, int>();
        judge = await LoopbackJudge.StartAsync(call =>
        {
            inFlightAtArrival[call.UserPrompt] = judge!.InFlight;   // this call included
            return Slow(100)(call);
        });
        return (judge, inFlightAtArrival);
    }

    /// <summary>FactsA's 10 calls ran concurrently; each of the <paramref name="optedOut"/> others ran with nothing else.</summary>
    private static void AssertOptedOutRanAlone(LoopbackJudge judge, ConcurrentDictionary<string, int> inFlightAtArrival, int optedOut)
    {
        Assert.Equal(10 + optedOut, judge.RequestCount);
        Assert.True(judge.MaxConcurrentRequests > 1, "the facts that do not opt out ran concurrently");
        // xUnit runs an opted-out test with nothing else: its call found no other in flight when it arrived, and the
        // next call arrived after it was answered. (The opted-out ones may come first or last.)
        JudgeCall[] calls = [.. judge.Calls];
        int[] sequential = [.. Enumerable.Range(0, calls.Length).Where(i => !calls[i].UserPrompt.Contains("[Instruction]\nExplain A", StringComparison.Ordinal))];
        Assert.Equal(optedOut, sequential.Length);
        Assert.All(sequential, i => Assert.Equal(1, inFlightAtArrival[calls[i].UserPrompt]));
        Assert.All(sequential.Where(i => i + 1 < calls.Length), i => Assert.Equal(1, inFlightAtArrival[calls[i + 1].UserPrompt]));
    }
}
