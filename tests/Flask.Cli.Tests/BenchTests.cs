using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>flask bench on a slice of the real FLASK data, against the loopback judge.</summary>
public sealed class BenchTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-bench");

    public void Dispose() => _work.Dispose();

    private static Dictionary<string, string> Scores(string path) => ResultsJson.ReadLines(path).ToDictionary(
        r => r.Id, r => string.Join(",", r.Skills.Select(s => $"{s.Id}={s.Score}")));

    [Fact]
    public async Task Judges_each_instance_once_with_its_skills_and_reference_and_resume_does_nothing_twice()
    {
        string dataset = Cli.Slice(_work, 30);
        await using var judge = await LoopbackJudge.StartAsync(HeuristicReviewer.Review);
        string output = Path.Combine(_work, "gpt4.jsonl");
        string[] bench = ["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", output, .. Cli.Judge(judge, Path.Combine(_work, "cache"))];

        var first = await Cli.RunAsync(bench);
        int afterFirst = judge.RequestCount;
        var resumed = await Cli.RunAsync([.. bench, "--resume"]);

        Assert.Equal(0, first.ExitCode);
        ScoredResponse[] results = [.. ResultsJson.ReadLines(output)];
        Assert.Equal(afterFirst, results.Length); // one judge call per instance
        Assert.InRange(results.Length, 28, 30);    // FLASK has no gpt4 output for a few instances
        Assert.All(results, r => Assert.Equal("gpt4", r.Model));
        ScoredResponse one = results.Single(r => r.Id == "1");
        Assert.Equal(["Readability", "LogicalCorrectness", "Conciseness"], one.Skills.Select(s => s.Id));
        Assert.Equal(["Humanities"], one.Domains);
        Assert.Equal("formal education knowledge", one.Difficulty);
        Assert.Contains(judge.Calls, c => c.UserPrompt.Contains("[Ground truth Answer]\nIf you have any questions about my rate"));
        Assert.Contains(results, r => r.Reference?.StartsWith("If you have any questions about my rate", StringComparison.Ordinal) == true); // kept for the report
        Assert.Contains("Done: ", first.Output);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(afterFirst, judge.RequestCount);
        Assert.Contains($"Resumed: {results.Length} result(s)", resumed.Output);
    }

    [Fact]
    public async Task A_run_killed_half_way_resumes_to_the_same_results_without_asking_an_answered_question_again()
    {
        string dataset = Cli.Slice(_work, 40);
        int answered = 0;
        using var release = new CancellationTokenSource();
        // The first 12 answers come at once; later requests hang, as a slow judge's would, until the run is killed.
        await using var judge = await LoopbackJudge.StartAsync(call =>
            Interlocked.Increment(ref answered) <= 12 ? HeuristicReviewer.Review(call) : HeuristicReviewer.Review(call) with { Delay = TimeSpan.FromMinutes(5) });
        string output = Path.Combine(_work, "killed.jsonl");
        string cache = Path.Combine(_work, "cache");
        string[] bench = ["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", output, "--concurrency", "2", .. Cli.Judge(judge, cache)];

        using (Process run = Process.Start(Cli.Start(bench))!)
        {
            var clock = Stopwatch.StartNew();
            while (Lines(output) < 12 && clock.Elapsed < TimeSpan.FromSeconds(60))
                await Task.Delay(50, TestContext.Current.CancellationToken);
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        string[] answeredBeforeKill = [.. judge.Answered];
        Assert.Equal(12, Lines(output));
        Assert.Equal(12, answeredBeforeKill.Length);

        judge.Script = HeuristicReviewer.Review;
        int requestsBeforeResume = judge.RequestCount;
        var resumed = await Cli.RunAsync([.. bench, "--resume"]);
        string[] askedOnResume = [.. judge.Calls.Skip(requestsBeforeResume).Select(c => c.UserPrompt)];

        await using var freshJudge = await LoopbackJudge.StartAsync(HeuristicReviewer.Review);
        string uninterrupted = Path.Combine(_work, "uninterrupted.jsonl");
        await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", uninterrupted, .. Cli.Judge(freshJudge, Path.Combine(_work, "cache2"))]);

        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(Scores(uninterrupted), Scores(output));
        Assert.Empty(askedOnResume.Intersect(answeredBeforeKill));
        Assert.Equal(Lines(uninterrupted) - 12, askedOnResume.Length);
    }

    private static int Lines(string path) => File.Exists(path) ? File.ReadAllLines(path).Count(l => l.EndsWith('}')) : 0;

    [Fact]
    public async Task Bad_lines_unknown_skills_duplicates_and_missing_responses_are_reported_with_file_and_line_and_the_rest_goes_on()
    {
        Directory.CreateDirectory(_work);
        string dataset = Path.Combine(_work, "bad.jsonl");
        File.WriteAllLines(dataset,
        [
            """{"idx": 1, "instruction": "Good one", "answer": "A", "skill": ["Factuality"], "domain": ["History"], "difficulty": "simple lifestyle knowledge"}""",
            """{"idx": 2, "instruction": "broken json""",
            """{"idx": 3, "instruction": "Unknown skill", "skill": ["Factualty"]}""",
            """{"idx": 1, "instruction": "Duplicate id", "skill": ["Factuality"]}""",
            """{"idx": 4, "instruction": "No response for me", "skill": ["Readability"]}""",
            """{"idx": 5, "skill": ["Readability"]}""",
        ]);
        string responses = Path.Combine(_work, "responses.jsonl");
        File.WriteAllLines(responses, ["""{"question_id": 1, "text": "An answer."}""", "not json", """{"question_id": 3, "text": "x"}"""]);
        await using var judge = await LoopbackJudge.StartAsync();

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", responses, "--out", Path.Combine(_work, "out.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(1, run.ExitCode);             // the rest was judged, but not everything
        Assert.Contains($"{dataset}:2: malformed JSON", run.Errors);
        Assert.Contains($"{dataset}:3: unknown skill 'Factualty'", run.Errors);
        Assert.Contains($"{dataset}:4: duplicate id '1'", run.Errors);
        Assert.Contains($"{dataset}:6: 'instruction' is missing or not a text", run.Errors);
        Assert.Contains($"{responses}:2: malformed JSON", run.Errors);
        Assert.Contains("1 × no response for the instance", run.Output);
        Assert.Contains("Skipped 6:", run.Output);
        Assert.Single(File.ReadAllLines(Path.Combine(_work, "out.jsonl")));
        Assert.Equal(1, judge.RequestCount);
    }

    [Fact]
    public async Task Dry_run_counts_calls_and_tokens_and_calls_nothing()
    {
        string dataset = Cli.Slice(_work, 50);
        await using var judge = await LoopbackJudge.StartAsync();

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", Path.Combine(_work, "x.jsonl"), "--dry-run", "--skill", "Factuality", .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Dry run: \d+ judge calls \(\d+ selected, 0 already done, \d+ without a response\), about [\d,]+ prompt tokens \(cl100k\)", run.Output);
        Assert.Equal(0, judge.RequestCount);
        Assert.False(File.Exists(Path.Combine(_work, "x.jsonl")));
    }

    [Fact]
    public async Task Subsets_by_difficulty_domain_and_shards_cover_the_set_exactly_once()
    {
        string dataset = Cli.Slice(_work, 60);
        await using var judge = await LoopbackJudge.StartAsync();
        string[] common = ["bench", "--dataset", dataset, "--responses", Cli.Responses("chatgpt"), .. Cli.Judge(judge, Path.Combine(_work, "cache"))];

        await Cli.RunAsync([.. common, "--out", Path.Combine(_work, "s1.jsonl"), "--shard", "1/2"]);
        await Cli.RunAsync([.. common, "--out", Path.Combine(_work, "s2.jsonl"), "--shard", "2/2"]);
        await Cli.RunAsync([.. common, "--out", Path.Combine(_work, "all.jsonl")]);
        await Cli.RunAsync([.. common, "--out", Path.Combine(_work, "coding.jsonl"), "--domain", "Coding", "--difficulty", "4", "--difficulty", "expert level knowledge"]);

        string[] shards = [.. ResultsJson.ReadLines(Path.Combine(_work, "s1.jsonl")).Concat(ResultsJson.ReadLines(Path.Combine(_work, "s2.jsonl"))).Select(r => r.Id).Order()];
        Assert.Equal(ResultsJson.ReadLines(Path.Combine(_work, "all.jsonl")).Select(r => r.Id).Order(), shards);
        ScoredResponse[] coding = [.. ResultsJson.ReadLines(Path.Combine(_work, "coding.jsonl"))];
        Assert.All(coding, r => Assert.Contains("Coding", r.Domains));
        Assert.All(coding, r => Assert.Contains(r.Difficulty, new[] { "major level knowledge", "expert level knowledge" }));
    }

    [Fact]
    public async Task Responses_can_come_live_from_a_model_endpoint()
    {
        string dataset = Cli.Slice(_work, 5);
        await using var model = await LoopbackJudge.StartAsync(call => JudgeReply.Review($"Model answer to: {call.UserPrompt[..Math.Min(20, call.UserPrompt.Length)]}"));
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));
        string output = Path.Combine(_work, "live.jsonl");

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--model-endpoint", model.BaseUrl.ToString(), "--model", "my-model", "--out", output, .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(5, model.RequestCount);
        Assert.Equal(5, judge.RequestCount);
        ScoredResponse[] results = [.. ResultsJson.ReadLines(output)];
        Assert.All(results, r => Assert.Equal("my-model", r.Model));
        Assert.All(results, r => Assert.StartsWith("Model answer to: ", r.Response));
        Assert.All(judge.Calls, c => Assert.StartsWith("Model answer to: ", c.Response()));
    }

    [Fact]
    public async Task A_model_under_test_that_cannot_be_asked_is_named_with_its_own_options_not_the_judges()
    {
        string dataset = Cli.Slice(_work, 2);
        await using var model = await LoopbackJudge.StartAsync(_ => JudgeReply.Error(500));
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4));

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--model-endpoint", model.BaseUrl.ToString(), "--model", "my-model",
                "--out", Path.Combine(_work, "dead-model.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "cache"))],
            new Dictionary<string, string?> { ["FLASK_JUDGE_MAX_RETRIES"] = "0" });

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("The model under test my-model", run.Output);
        Assert.Contains("--model-endpoint", run.Output);
        Assert.DoesNotContain("FLASK_JUDGE_ENDPOINT", run.Output);
        Assert.Equal(0, judge.RequestCount);
    }

    [Theory]
    [InlineData("model")]
    [InlineData("judge")]
    public async Task A_run_stopped_by_an_endpoint_that_cannot_be_asked_names_that_party(string dead)
    {
        string dataset = Cli.Slice(_work, 3);
        // 404: a wrong URL or model, which stops the run at once.
        await using var model = await LoopbackJudge.StartAsync(dead == "model" ? _ => JudgeReply.Error(404) : _ => JudgeReply.Review("An answer."));
        await using var judge = await LoopbackJudge.StartAsync(dead == "judge" ? _ => JudgeReply.Error(404) : LoopbackJudge.ScoreAll(4));

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--model-endpoint", model.BaseUrl.ToString(), "--model", "my-model",
            "--out", Path.Combine(_work, "stopped.jsonl"), "--concurrency", "1", .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(3, run.ExitCode);
        string party = dead == "model" ? "the model under test" : "the judge";
        string other = dead == "model" ? "the judge" : "the model under test";
        Assert.Contains($"dotnet flask: stopped early, {party} cannot be asked: ", run.Errors);
        Assert.DoesNotContain($"{other} cannot be asked", run.Output + run.Errors);
    }
}
