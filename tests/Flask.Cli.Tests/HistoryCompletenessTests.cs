using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// A bench run is recorded as complete only when it judged everything it selected: a run that stopped early or left
/// instances not judged says so in the store, in <c>runs</c>, and on the side of a comparison, a trend and a report.
/// The recorded run is exactly the results file, with or without --resume.
/// </summary>
public sealed class HistoryCompletenessTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-history-complete");

    public void Dispose() => _work.Dispose();

    /// <summary>A data set of <paramref name="count"/> one-skill instances and a responses file for them (all but <paramref name="without"/>).</summary>
    private (string Dataset, string Responses) Data(int count, params int[] without)
    {
        Directory.CreateDirectory(_work);
        string dataset = Path.Combine(_work, "set.jsonl"), responses = Path.Combine(_work, "model.jsonl");
        File.WriteAllLines(dataset, Enumerable.Range(1, count).Select(i => $$"""{"idx": {{i}}, "instruction": "Q{{i}}", "answer": "A{{i}}", "skill": ["Factuality"]}"""));
        File.WriteAllLines(responses, Enumerable.Range(1, count).Where(i => !without.Contains(i)).Select(i => $$"""{"question_id": {{i}}, "text": "R{{i}}"}"""));
        return (dataset, responses);
    }

    private static string[] Bench(string dataset, string responses, string output, LoopbackJudge judge, string cache, params string[] more) =>
        ["bench", "--dataset", dataset, "--responses", responses, "--out", output, "--concurrency", "1", .. Cli.Judge(judge, cache), .. more];

    [Fact]
    public async Task A_bench_run_that_stopped_early_is_recorded_as_such_and_runs_compare_trend_and_report_say_so()
    {
        var (dataset, responses) = Data(6);
        await using var good = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        int calls = 0;
        // Two answers, then a rejected key: the judge cannot be asked any further and the run stops (exit code 3).
        await using var failing = await LoopbackJudge.StartAsync(call =>
            Interlocked.Increment(ref calls) <= 2 ? LoopbackJudge.ScoreAll(3)(call) : JudgeReply.Error(401));
        string store = Path.Combine(_work, "out", "history.db");

        var complete = await Cli.RunAsync(Bench(dataset, responses, Path.Combine(_work, "out", "full.jsonl"), good, Path.Combine(_work, "c0")));
        var stopped = await Cli.RunAsync(Bench(dataset, responses, Path.Combine(_work, "out", "m.jsonl"), failing, Path.Combine(_work, "c1")));
        var text = await Cli.RunAsync(["runs", "--store", store]);
        var json = await Cli.RunAsync(["runs", "--store", store, "--format", "json"]);
        var compare = await Cli.RunAsync(["compare", "1", "2", "--store", store]);
        var compareJson = await Cli.RunAsync(["compare", "1", "2", "--store", store, "--format", "json"]);
        var trend = await Cli.RunAsync(["trend", "--store", store]);
        var report = await Cli.RunAsync(["report", "--last", "2", "--store", store, "--format", "json"]);

        Assert.True(complete.ExitCode == 0, complete.Errors);
        Assert.Contains($"Run history: run 1 in {store}\n", complete.Output.ReplaceLineEndings("\n"));
        Assert.Equal(3, stopped.ExitCode);
        Assert.Contains($"Run history: run 2 in {store} (stopped early: 2 of 6 judged)", stopped.Output);
        string[] rows = text.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("\tcompleteness", rows[0]);
        Assert.EndsWith("\tstopped early: 2 of 6 judged", rows[1]);
        Assert.EndsWith("\tcomplete", rows[2]);
        using JsonDocument doc = JsonDocument.Parse(json.Output);
        JsonElement newest = doc.RootElement[0];
        Assert.Equal(("stopped-early", 6, 4, false), (newest.GetProperty("ending").GetString(), newest.GetProperty("selected").GetInt32(),
            newest.GetProperty("notJudged").GetInt32(), newest.GetProperty("isComplete").GetBoolean()));
        Assert.Equal(("completed", 6, 0, true), (doc.RootElement[1].GetProperty("ending").GetString(), doc.RootElement[1].GetProperty("selected").GetInt32(),
            doc.RootElement[1].GetProperty("notJudged").GetInt32(), doc.RootElement[1].GetProperty("isComplete").GetBoolean()));
        Assert.True(compare.ExitCode == 0, compare.Errors);
        Assert.Contains("**Incomplete:** run 2 stopped early: 2 of 6 judged.", compare.Output);
        Assert.DoesNotContain("run 1 ", compare.Output.Split('\n').Single(l => l.StartsWith("**Incomplete", StringComparison.Ordinal)));
        using JsonDocument compared = JsonDocument.Parse(compareJson.Output);
        Assert.Equal(["run 2 stopped early: 2 of 6 judged"], compared.RootElement.GetProperty("incomplete").EnumerateArray().Select(e => e.GetString()));
        Assert.True(trend.ExitCode == 0, trend.Errors);
        Assert.Contains("Incomplete: run 2 stopped early: 2 of 6 judged.", trend.Output);
        Assert.True(report.ExitCode == 0, report.Errors);
        Assert.Contains("\"model (run 2, stopped early: 2 of 6 judged)\"", report.Output);
        Assert.Contains("\"model (run 1)\"", report.Output);
    }

    [Fact]
    public async Task A_bench_run_with_a_missing_response_and_an_unreadable_data_line_is_recorded_as_finished_not_complete()
    {
        var (dataset, responses) = Data(4, without: 3);
        File.AppendAllLines(dataset, ["{not json"]);
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        string output = Path.Combine(_work, "out", "m.jsonl"), store = Path.Combine(_work, "out", "history.db");

        var run = await Cli.RunAsync(Bench(dataset, responses, output, judge, Path.Combine(_work, "c")));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Run history: run 1 in {store} (finished: 3 of 5 judged)", run.Output);
        using RunStore opened = RunStore.Open(store);
        RunInfo recorded = Assert.Single(opened.List());
        Assert.Equal((5, 2, RunEnding.Completed, false), (recorded.Selected, recorded.NotJudged, recorded.Ending, recorded.IsComplete));
    }

    [Fact]
    public async Task The_recorded_run_is_the_results_file_with_or_without_resume()
    {
        var (dataset, responses) = Data(7);
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        string fresh = Path.Combine(_work, "fresh", "m.jsonl"), resumed = Path.Combine(_work, "resumed", "m.jsonl");

        var one = await Cli.RunAsync(Bench(dataset, responses, fresh, judge, Path.Combine(_work, "c")));
        var part = await Cli.RunAsync(Bench(dataset, responses, resumed, judge, Path.Combine(_work, "c"), "--limit", "3"));
        var rest = await Cli.RunAsync(Bench(dataset, responses, resumed, judge, Path.Combine(_work, "c"), "--resume"));

        Assert.All(new[] { one, part, rest }, r => Assert.True(r.ExitCode == 0, r.Errors));
        using (RunStore store = RunStore.Open(Path.Combine(_work, "fresh", "history.db")))
        {
            RunInfo run = Assert.Single(store.List());
            Assert.Equal(File.ReadAllLines(fresh), store.Results(run.Id).Select(ResultsJson.ToLine));
            Assert.Equal((7, 0, true), (run.Selected, run.NotJudged, run.IsComplete));
        }
        using (RunStore store = RunStore.Open(Path.Combine(_work, "resumed", "history.db")))
        {
            Assert.Equal([2, 1], store.List().Select(r => r.Id));
            Assert.Equal(3, store.Results(1).Count());
            Assert.Equal(File.ReadAllLines(resumed), store.Results(2).Select(ResultsJson.ToLine));
            Assert.Equal(7, store.Results(2).Count());
            Assert.True(store.Find(2)!.IsComplete);
        }
    }
}
