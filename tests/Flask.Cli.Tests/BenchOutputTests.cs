using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>The results file of flask bench: never lost, never shared, never rewritten behind the user's back.</summary>
public sealed class BenchOutputTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-output");

    public void Dispose() => _work.Dispose();

    private string[] Bench(string dataset, string output, LoopbackJudge judge, string cache = "cache") =>
        ["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", output, .. Cli.Judge(judge, Path.Combine(_work, cache))];

    /// <summary>
    /// Starts <paramref name="firstRun"/> against a judge that never answers, waits until it holds the output, then runs
    /// <paramref name="secondRun"/>: refused in one line naming the first run's process, and nothing asked of its judge.
    /// The first run is killed at the end, leaving its lock stale.
    /// </summary>
    private static async Task AssertASecondRunIsRefusedAsync(string[] firstRun, string[] secondRun, LoopbackJudge slow, LoopbackJudge fast)
    {
        using Process first = Process.Start(Cli.Start(firstRun))!;
        try
        {
            var clock = Stopwatch.StartNew();
            while (slow.RequestCount == 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
                await Task.Delay(50, TestContext.Current.CancellationToken);
            var second = await Cli.RunAsync(secondRun);

            Assert.Equal(2, second.ExitCode);
            AssertOneLine(second.Errors, $"pid {first.Id} on host {Environment.MachineName}");
            Assert.Equal(0, fast.RequestCount);
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static void AssertOneLine(string errors, string expected)
    {
        string line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dotnet flask: ", line);
        Assert.Contains(expected, line);
    }

    [Fact]
    public async Task An_existing_results_file_is_refused_without_resume_or_overwrite()
    {
        string dataset = Cli.Slice(_work, 3);
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "kept.jsonl");
        Assert.Equal(0, (await Cli.RunAsync(Bench(dataset, output, judge))).ExitCode);

        var again = await Cli.RunAsync(Bench(dataset, output, judge));
        var overwritten = await Cli.RunAsync([.. Bench(dataset, output, judge), "--overwrite"]);

        Assert.Equal(2, again.ExitCode);
        AssertOneLine(again.Errors, "already holds results: add --resume");
        Assert.Equal(3, judge.RequestCount); // the refused run asked nothing (the overwrite replays the cache)
        Assert.Equal(0, overwritten.ExitCode);
        Assert.Equal(3, ResultsJson.ReadLines(output).Count());
    }

    [Theory]
    [InlineData("ability")]
    [InlineData("id")]
    public async Task Resume_of_a_file_with_a_line_the_results_reader_refuses_is_refused_with_that_line(string field)
    {
        string dataset = Cli.Slice(_work, 3);
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "gpt4.jsonl");
        Assert.Equal(0, (await Cli.RunAsync(Bench(dataset, output, judge))).ExitCode);
        string[] lines = File.ReadAllLines(output);
        var second = System.Text.Json.Nodes.JsonNode.Parse(lines[1])!.AsObject();
        if (field == "ability")
            second["skills"]![0]!.AsObject().Remove("ability");
        else
            second["id"] = null;
        lines[1] = second.ToJsonString();
        File.WriteAllLines(output, lines);

        var resumed = await Cli.RunAsync([.. Bench(dataset, output, judge), "--resume"]);

        Assert.Equal(2, resumed.ExitCode);
        AssertOneLine(resumed.Errors, $"{output}:2: not a FLASK result (");
        Assert.Equal(3, judge.RequestCount);
    }

    [Fact]
    public async Task Resume_with_another_models_responses_is_refused_never_counting_their_results_as_done()
    {
        string dataset = Cli.Slice(_work, 3);
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "gpt4.jsonl");
        Assert.Equal(0, (await Cli.RunAsync(Bench(dataset, output, judge))).ExitCode);
        string[] vicuna = ["bench", "--dataset", dataset, "--responses", Cli.Responses("vicuna_13b"), "--out", output, "--resume", .. Cli.Judge(judge, Path.Combine(_work, "cache"))];

        var resumed = await Cli.RunAsync(vicuna);
        var dry = await Cli.RunAsync([.. vicuna, "--dry-run"]);

        foreach (var run in new[] { resumed, dry })
        {
            Assert.Equal(2, run.ExitCode);
            AssertOneLine(run.Errors, "holds results of model 'gpt4', not 'vicuna_13b': --resume continues one model's run");
        }
        Assert.Equal(3, judge.RequestCount);
        Assert.Equal(["gpt4"], ResultsJson.ReadLines(output).Select(r => r.Model).Distinct());
    }

    [Fact]
    public async Task A_second_bench_on_the_same_output_is_refused_naming_the_process_that_holds_it()
    {
        string dataset = Cli.Slice(_work, 4);
        await using var slow = await LoopbackJudge.StartAsync(call => JudgeReply.Scores([.. call.SkillNames().Select(n => (n, (object)4))]) with { Delay = TimeSpan.FromMinutes(5) });
        await using var fast = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "shared.jsonl");

        await AssertASecondRunIsRefusedAsync([.. Bench(dataset, output, slow)], [.. Bench(dataset, output, fast, "cache2"), "--resume"], slow, fast);

        // The killed run's lock is stale: a resume takes it over.
        var resumed = await Cli.RunAsync([.. Bench(dataset, output, fast, "cache3"), "--resume"]);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(4, ResultsJson.ReadLines(output).Count());
        Assert.False(File.Exists(output + ".lock"));
    }

    [Fact]
    public async Task A_half_written_last_line_is_cut_in_place_leaving_every_kept_byte_as_it_was()
    {
        string dataset = Cli.Slice(_work, 3);
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "torn.jsonl");
        Assert.Equal(0, (await Cli.RunAsync(Bench(dataset, output, judge))).ExitCode);
        // Keep results 1 and 2 — the first with a byte that is not UTF-8 in its response, which decoding and
        // re-encoding the file would change — and a torn third line.
        string[] lines = File.ReadAllLines(output);
        byte[] first = Encoding.UTF8.GetBytes(lines.Single(l => l.Contains("\"id\":\"1\"")));
        byte[] marker = Encoding.UTF8.GetBytes("\"response\":\"");
        int at = first.AsSpan().IndexOf(marker) + marker.Length;
        Assert.True(at > marker.Length);
        first = [.. first[..at], 0xFF, .. first[at..]];
        byte[] kept = [.. first, (byte)'\n', .. Encoding.UTF8.GetBytes(lines.Single(l => l.Contains("\"id\":\"2\"")) + "\n")];
        File.WriteAllBytes(output, [.. kept, .. Encoding.UTF8.GetBytes(lines.Single(l => l.Contains("\"id\":\"3\""))[..40])]);

        var resumed = await Cli.RunAsync([.. Bench(dataset, output, judge), "--resume"]);

        Assert.Equal(0, resumed.ExitCode);
        Assert.Contains("cut off a half-written last line", resumed.Errors);
        byte[] after = File.ReadAllBytes(output);
        Assert.Equal(kept, after[..kept.Length]);
        Assert.Equal(["1", "2", "3"], ResultsJson.ReadLines(output).Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Dry_run_with_resume_reads_the_output_and_never_changes_it()
    {
        string dataset = Cli.Slice(_work, 3);
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "dry.jsonl");
        await Cli.RunAsync(Bench(dataset, output, judge));
        string[] lines = File.ReadAllLines(output);
        File.WriteAllText(output, lines[0] + "\n" + lines[1][..30]);
        byte[] before = File.ReadAllBytes(output);

        var dry = await Cli.RunAsync([.. Bench(dataset, output, judge), "--resume", "--dry-run"]);

        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("Dry run: 2 judge calls (3 selected, 1 already done", dry.Output);
        Assert.Equal(before, File.ReadAllBytes(output));
    }

    [Fact]
    public async Task Resume_asks_again_for_results_with_judge_errors_unless_told_to_keep_them()
    {
        string dataset = Cli.Slice(_work, 4);
        string unlucky = FlaskDatasetReader.ReadInstances(dataset).Instances.Single(i => i.Id == "2").Instruction;
        // The judge never scores instance 2 (its re-asks neither), until it is fixed.
        await using var judge = await LoopbackJudge.StartAsync(call => call.UserPrompt.Contains(unlucky) ? JudgeReply.Review("No scores today.") : LoopbackJudge.ScoreAll(4)(call));
        string output = Path.Combine(_work, "errors.jsonl");
        string[] bench = [.. Bench(dataset, output, judge), "--cache", "off"];
        var first = await Cli.RunAsync(bench);
        Assert.Equal(1, first.ExitCode);
        Assert.Equal(["2"], ResultsJson.ReadLines(output).Where(r => r.Skills.Any(s => s.Status == SkillScoreStatus.JudgeError)).Select(r => r.Id));

        int requests = judge.RequestCount;
        var kept = await Cli.RunAsync([.. bench, "--resume", "--keep-judge-errors"]);
        Assert.Equal(1, kept.ExitCode);
        Assert.Equal(requests, judge.RequestCount);

        judge.Script = LoopbackJudge.ScoreAll(4);
        var retried = await Cli.RunAsync([.. bench, "--resume"]);

        Assert.Equal(0, retried.ExitCode);
        Assert.Equal(requests + 1, judge.RequestCount);
        Assert.Contains("1 result(s) with judge errors will be asked again", retried.Errors);
        ScoredResponse[] results = [.. ResultsJson.ReadLines(output)];
        Assert.Equal(["1", "2", "3", "4"], results.Select(r => r.Id).Order());
        Assert.All(results, r => Assert.All(r.Skills, s => Assert.Equal(SkillScoreStatus.Scored, s.Status)));
    }

    /// <summary>FLASK's instance 38 alone: Factuality, Readability and Conciseness.</summary>
    private string Instance38()
    {
        string shared = RepoPaths.SharedFlaskOrSkip();
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, "instance38.jsonl");
        File.WriteAllLines(path, [File.ReadLines(Path.Combine(shared, "evaluation_set", "flask_evaluation.jsonl")).ElementAt(37)]);
        Assert.Equal(["Conciseness", "Factuality", "Readability"], FlaskDatasetReader.ReadInstances(path).Instances.Single().Skills.Order());
        return path;
    }

    private static void AssertKeptScores(ScoredResponse result)
    {
        Assert.Equal("38", result.Id);
        ScoredSkill Skill(string name) => result.Skills.Single(s => s.Name == name);
        Assert.Equal((SkillScoreStatus.Scored, 4.0), (Skill("Factuality").Status, Skill("Factuality").Score));
        Assert.Equal((SkillScoreStatus.Scored, 5.0), (Skill("Readability").Status, Skill("Readability").Score));
        Assert.Equal(SkillScoreStatus.JudgeError, Skill("Conciseness").Status);
    }

    [Fact]
    public async Task Resume_completes_a_partly_scored_result_and_never_loses_its_scores_to_a_garbage_answer_or_a_dead_judge()
    {
        string dataset = Instance38();
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Scores(("Factuality", 4), ("Readability", 5)));
        string output = Path.Combine(_work, "partial.jsonl");
        string[] bench = ["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", output, "--cache", "off"];
        var first = await Cli.RunAsync([.. bench, .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);
        Assert.Equal(1, first.ExitCode);
        AssertKeptScores(Assert.Single(ResultsJson.ReadLines(output)));

        // The re-ask is answered with no score at all: the earlier scores stay, only the judge error is asked again.
        judge.Script = _ => JudgeReply.Review("I would rather not say.");
        int requests = judge.RequestCount;
        var garbage = await Cli.RunAsync([.. bench, "--resume", .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);
        Assert.Equal(1, garbage.ExitCode);
        Assert.True(judge.RequestCount > requests);
        AssertKeptScores(Assert.Single(ResultsJson.ReadLines(output)));

        // The judge cannot be asked at all: the earlier line is written back unchanged.
        byte[] before = File.ReadAllBytes(output);
        var dead = await LoopbackJudge.StartAsync();
        string[] deadJudge = Cli.Judge(dead, Path.Combine(_work, "cache"));
        await dead.DisposeAsync();
        var unavailable = await Cli.RunAsync([.. bench, "--resume", .. deadJudge]);
        Assert.Contains(unavailable.ExitCode, new[] { 1, 3 });
        Assert.Equal(before, File.ReadAllBytes(output));

        // A judge that scores the rest completes the result, keeping the earlier scores over its own.
        judge.Script = LoopbackJudge.ScoreAll(2);
        var completed = await Cli.RunAsync([.. bench, "--resume", .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);
        Assert.Equal(0, completed.ExitCode);
        ScoredResponse result = Assert.Single(ResultsJson.ReadLines(output));
        Assert.Equal([("Conciseness", 2.0), ("Factuality", 4.0), ("Readability", 5.0)],
            result.Skills.Select(s => (s.Name, s.Score ?? 0)).OrderBy(s => s.Name));
    }

    [Fact]
    public async Task A_second_bench_through_a_symlink_to_the_same_output_is_refused()
    {
        string dataset = Cli.Slice(_work, 4);
        await using var slow = await LoopbackJudge.StartAsync(call => JudgeReply.Scores([.. call.SkillNames().Select(n => (n, (object)4))]) with { Delay = TimeSpan.FromMinutes(5) });
        await using var fast = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "target.jsonl");
        string link = Path.Combine(_work, "link.jsonl");
        File.WriteAllText(output, string.Empty);
        File.CreateSymbolicLink(link, output);

        await AssertASecondRunIsRefusedAsync([.. Bench(dataset, output, slow), "--resume"], [.. Bench(dataset, link, fast, "cache2"), "--resume"], slow, fast);

        // Through the link, a resume writes the target and leaves the link a link.
        var resumed = await Cli.RunAsync([.. Bench(dataset, link, fast, "cache3"), "--resume"]);
        Assert.Equal(0, resumed.ExitCode);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(4, ResultsJson.ReadLines(output).Count());
        Assert.False(File.Exists(output + ".lock"));
        Assert.False(File.Exists(link + ".lock"));
    }

    [Fact]
    public async Task A_complete_last_result_without_its_newline_is_kept_not_judged_again()
    {
        string dataset = Cli.Slice(_work, 3);
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "unterminated.jsonl");
        string[] bench = [.. Bench(dataset, output, judge), "--cache", "off"];
        Assert.Equal(0, (await Cli.RunAsync(bench)).ExitCode);
        byte[] whole = File.ReadAllBytes(output);
        Assert.Equal((byte)'\n', whole[^1]);
        File.WriteAllBytes(output, whole[..^1]);

        var resumed = await Cli.RunAsync([.. bench, "--resume"]);

        Assert.Equal(0, resumed.ExitCode);
        Assert.DoesNotContain("half-written", resumed.Errors);
        Assert.Equal(3, judge.RequestCount); // nothing judged again
        Assert.Equal(whole, File.ReadAllBytes(output));
    }

    [Fact]
    public async Task An_output_that_is_a_directory_is_one_line_with_exit_code_2()
    {
        string dataset = Cli.Slice(_work, 2);
        await using var judge = await LoopbackJudge.StartAsync();

        string results = Path.Combine(_work, "results.jsonl");
        Assert.Equal(0, (await Cli.RunAsync(Bench(dataset, results, judge))).ExitCode);
        string directory = Path.Combine(_work, "a-directory");
        Directory.CreateDirectory(directory);

        var run = await Cli.RunAsync(Bench(dataset, directory, judge));
        var report = await Cli.RunAsync(["report", results, "--out", directory]);

        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run.Errors, "is a directory");
        Assert.Equal(2, judge.RequestCount); // only the first run's
        Assert.Equal(2, report.ExitCode);
        AssertOneLine(report.Errors, "Cannot write the report");
    }

    [Fact]
    public async Task A_full_disk_stops_the_run_with_exit_code_2_saying_how_many_judged_results_were_not_saved()
    {
        Assert.SkipUnless(File.Exists("/dev/full"), "/dev/full is a Linux device.");
        string dataset = Cli.Slice(_work, 3);
        await using var judge = await LoopbackJudge.StartAsync();
        string cache = Path.Combine(_work, "cache");

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", "/dev/full", "--concurrency", "1", .. Cli.Judge(judge, cache)]);

        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run.Errors, "cannot write the results file /dev/full");
        Assert.Contains("1 judged result(s) were not saved (their judge answers are in the cache", run.Errors);
        Assert.Equal(1, judge.RequestCount); // stopped: no more answers paid for that could not be kept
        Assert.DoesNotContain("   at ", run.Errors + run.Output);
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_is_one_line_with_exit_code_2()
    {
        Assert.SkipUnless(File.Exists("/dev/full"), "/dev/full is a Linux device.");
        string results = Path.Combine(_work, "r.jsonl");
        string dataset = Cli.Slice(_work, 2);
        await using var judge = await LoopbackJudge.StartAsync();
        await Cli.RunAsync(Bench(dataset, results, judge));

        var run = await Cli.RunAsync(["report", results, "--out", "/dev/full"]);

        Assert.Equal(2, run.ExitCode);
        AssertOneLine(run.Errors, "Cannot write the report /dev/full");
    }

    [Fact]
    public async Task Dry_run_estimates_a_response_of_one_megabyte_word_in_seconds()
    {
        string dataset = Cli.Slice(_work, 2);
        string responses = Path.Combine(_work, "huge.jsonl");
        File.WriteAllLines(responses, [$$"""{"question_id": 1, "text": "{{new string('x', 1 << 20)}}"}""", """{"question_id": 2, "text": "short"}"""]);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        using Process run = Process.Start(Cli.Start(["bench", "--dataset", dataset, "--responses", responses, "--out", Path.Combine(_work, "x.jsonl"), "--dry-run"]))!;
        Task<string> output = run.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await run.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            run.Kill(entireProcessTree: true);
            Assert.Fail("--dry-run took more than 60 s on a 1 MB word.");
        }

        Assert.Equal(0, run.ExitCode);
        var tokens = System.Text.RegularExpressions.Regex.Match(await output, @"about ([\d,]+) prompt tokens");
        long count = long.Parse(tokens.Groups[1].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(count, (1 << 20) / 16, 1 << 20); // the word is counted, by its length
    }
}
