using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Xunit.Tests;

/// <summary>Each test run recorded in the run history, and its summary saying what changed since the previous run.</summary>
public sealed class RunHistoryTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-history-run");

    public void Dispose() => _work.Dispose();

    private async Task<FixtureRun> Run(Dictionary<string, int> scores, string? history = null, params string[] failing)
    {
        Func<JudgeCall, JudgeReply> script = FixtureRun.Script(scores);
        // The tests named in failing get a server error: not judged (a transport failure), the others are scored.
        await using var judge = await LoopbackJudge.StartAsync(call =>
            failing.Any(name => call.Response().Contains($"#gate {name}", StringComparison.Ordinal)) ? JudgeReply.Error(500) : script(call));
        var environment = new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
            ["FLASK_JUDGE_MODEL"] = "fixture-judge",
            ["FLASK_JUDGE_CACHE"] = "off",
            ["FLASK_JUDGE_MAX_RETRIES"] = "0",
            ["FLASK_HISTORY"] = history,
        };
        return await FixtureRun.RunAsync(_work, environment, ["-class", "Flask.Testing.Xunit.Fixtures.GateTests"]);
    }

    private static readonly Dictionary<string, int> Before = new() { ["g1"] = 4, ["g2"] = 4, ["g3"] = 5, ["g4"] = 3, ["g5"] = 4, ["g6"] = 5 };

    [Fact]
    public async Task The_second_run_says_per_skill_what_moved_since_the_first_and_how_to_see_the_tests()
    {
        FixtureRun first = await Run(Before);
        FixtureRun second = await Run(new() { ["g1"] = 3, ["g2"] = 3, ["g3"] = 3, ["g4"] = 2, ["g5"] = 3, ["g6"] = 4 });
        string store = Path.Combine(first.ResultsDirectory, "history.db");

        Assert.Contains($"Recorded as run 1 in {store}.", first.Output);
        Assert.DoesNotContain("Since run", first.Output);
        Assert.Contains($"Recorded as run 2 in {store}.", second.Output);
        Assert.Matches(@"Since run 1 \(\d{4}-\d\d-\d\d \d\d:\d\d UTC[^)]*\):", second.Output);
        Assert.Matches(@"- Completeness 4\.17 → 3\.00 \(−1\.17, 95 % CI −\d\.\d\d…−\d\.\d\d\), 6 tests worse: regressed", second.Output);
        Assert.Contains($"See dotnet flask compare 1 2 --store \"{store}\".", second.Output);
        Assert.Contains("- Completeness 4.17 → 3.00", File.ReadAllText(Path.Combine(second.ResultsDirectory, "summary.md")));
        using RunStore opened = RunStore.Open(store);
        Assert.Equal(["Flask.Testing.Xunit.Fixtures", "Flask.Testing.Xunit.Fixtures"], opened.List().Select(r => r.Project));
        Assert.All(opened.List(), r => Assert.Equal((6, "fixture-judge", "test"), (r.Results, r.JudgeModels, r.Source)));
    }

    [Fact]
    public async Task A_run_with_tests_not_judged_is_recorded_as_incomplete_and_the_next_run_compares_with_the_newest_complete_one()
    {
        FixtureRun first = await Run(Before);
        FixtureRun partial = await Run(Before, failing: ["g5", "g6"]);
        FixtureRun third = await Run(new() { ["g1"] = 3, ["g2"] = 3, ["g3"] = 3, ["g4"] = 2, ["g5"] = 3, ["g6"] = 4 });
        string store = Path.Combine(first.ResultsDirectory, "history.db");

        Assert.NotEqual(0, partial.ExitCode);
        Assert.Contains($"Recorded as run 2 in {store}.", partial.Output);
        Assert.Contains("This run is incomplete: run 2 finished: 4 of 6 judged.", partial.Output);
        Assert.Matches(@"Since run 1 \(\d{4}-\d\d-\d\d \d\d:\d\d UTC[^)]*\):", partial.Output);
        Assert.DoesNotContain("This run is incomplete", third.Output);
        Assert.Matches(@"Since run 1 \(\d{4}-\d\d-\d\d \d\d:\d\d UTC[^)]*, the newest complete run; left out, not complete: run 2 finished: 4 of 6 judged\):", third.Output);
        Assert.Matches(@"- Completeness 4\.17 → 3\.00 \(−1\.17, 95 % CI −\d\.\d\d…−\d\.\d\d\), 6 tests worse: regressed", third.Output);
        Assert.Contains($"See dotnet flask compare 1 3 --store \"{store}\".", third.Output);
        using RunStore opened = RunStore.Open(store);
        Assert.Equal([(6, 0, RunEnding.Completed), (6, 2, RunEnding.Completed), (6, 0, RunEnding.Completed)],
            opened.List().Reverse().Select(r => (r.Selected ?? -1, r.NotJudged ?? -1, r.Ending ?? RunEnding.Cancelled)));
        Assert.Equal([true, false, true], opened.List().Reverse().Select(r => r.IsComplete));
    }

    [Fact]
    public async Task A_run_with_the_same_scores_says_no_skill_moved_and_off_records_nothing()
    {
        await Run(Before);
        FixtureRun same = await Run(Before);
        File.Delete(Path.Combine(same.ResultsDirectory, "history.db"));
        FixtureRun off = await Run(Before, history: "off");

        Assert.Contains("Since run 1", same.Output);
        Assert.Contains("No skill moved.", same.Output);
        Assert.DoesNotContain("Run history", off.Output);
        Assert.False(File.Exists(Path.Combine(off.ResultsDirectory, "history.db")));
    }

    [Fact]
    public async Task A_store_that_cannot_be_written_is_said_in_the_summary_and_the_run_stands()
    {
        Directory.CreateDirectory(_work);
        string notAStore = Path.Combine(_work, "garbage.db");
        File.WriteAllText(notAStore, new string('x', 4096));

        FixtureRun run = await Run(Before, history: notAStore);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(new Regex($@"NOT recorded in {Regex.Escape(notAStore)}: {Regex.Escape(notAStore)}: not a FLASK run store"), run.Output);
    }

    [Fact]
    public async Task Results_the_results_file_cannot_take_fail_their_tests_as_not_judged_and_are_neither_summarized_nor_recorded()
    {
        // results.jsonl is a link to /dev/full: the file opens, every write fails (no space left on device).
        Assert.SkipUnless(File.Exists("/dev/full"), "needs /dev/full (Linux) to make the results file's writes fail");
        string results = Path.Combine(_work, "results");
        Directory.CreateDirectory(results);
        File.CreateSymbolicLink(Path.Combine(results, "results.jsonl"), "/dev/full");

        FixtureRun run = await Run(Before);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(6, run.Outcomes.Count);
        Assert.All(run.Outcomes.Values, o =>
        {
            Assert.Equal("Fail", o.Result);
            Assert.Contains("was not judged: its result could not be written to the results file", o.Message, StringComparison.Ordinal);
        });
        string summary = File.ReadAllText(Path.Combine(results, "summary.md"));
        Assert.Contains("No response was judged in this run.", summary, StringComparison.Ordinal);
        Assert.Contains("6 test(s) ran without being judged", summary, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(results, "summary.json")));
        Assert.False(File.Exists(Path.Combine(results, "history.db")));
    }
}
