using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>flask bench ends with the exit code of docs/cli.md for every case, and a user error is one line.</summary>
public sealed class BenchExitCodeTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-exit");

    public void Dispose() => _work.Dispose();

    private string Dataset(params string[] lines)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, $"set-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    private string TwoInstances() => Dataset(
        """{"idx": 1, "instruction": "Name a prime.", "answer": "2", "skill": ["Factuality"]}""",
        """{"idx": 2, "instruction": "Name a colour.", "answer": "Red", "skill": ["Readability", "Conciseness"]}""");

    private string TwoResponses()
    {
        string path = Path.Combine(_work, "responses.jsonl");
        File.WriteAllLines(path, ["""{"question_id": 1, "text": "3"}""", """{"question_id": 2, "text": "Blue"}"""]);
        return path;
    }

    [Fact]
    public async Task A_dead_judge_never_ends_in_exit_code_0_and_nothing_is_written_as_judged()
    {
        string output = Path.Combine(_work, "dead.jsonl");
        var run = await Cli.RunAsync(["bench", "--dataset", TwoInstances(), "--responses", TwoResponses(), "--out", output,
                "--judge-endpoint", $"http://127.0.0.1:{LoopbackJudge.DeadPort()}/v1", "--judge-model", "nobody", "--cache", "off"],
            new Dictionary<string, string?> { ["FLASK_JUDGE_MAX_RETRIES"] = "0", ["FLASK_JUDGE_TIMEOUT_SECONDS"] = "5" });

        // Two failed calls, fewer than the consecutive-failure limit: each instance is counted as not judged.
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("could not be asked", run.Output + run.Errors);
        Assert.DoesNotContain("   at ", run.Output + run.Errors);
        Assert.Empty(File.Exists(output) ? ResultsJson.ReadLines(output) : []);
    }

    [Fact]
    public async Task A_judge_that_keeps_failing_stops_the_run_with_exit_code_3_before_asking_for_every_instance()
    {
        string dataset = Dataset([.. Enumerable.Range(1, 20).Select(i => $$"""{"idx": {{i}}, "instruction": "Q{{i}}", "answer": "A", "skill": ["Factuality"]}""")]);
        string responses = Path.Combine(_work, "twenty.jsonl");
        File.WriteAllLines(responses, Enumerable.Range(1, 20).Select(i => $$"""{"question_id": {{i}}, "text": "R{{i}}"}"""));
        string output = Path.Combine(_work, "stopped.jsonl");
        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", responses, "--out", output, "--concurrency", "1",
                "--judge-endpoint", $"http://127.0.0.1:{LoopbackJudge.DeadPort()}/v1", "--judge-model", "nobody", "--cache", "off"],
            new Dictionary<string, string?> { ["FLASK_JUDGE_MAX_RETRIES"] = "0", ["FLASK_JUDGE_MAX_CONSECUTIVE_FAILURES"] = "3" });

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("seems down", run.Output + run.Errors);
        Assert.Contains("FLASK_JUDGE_MAX_CONSECUTIVE_FAILURES", run.Output + run.Errors);
        Assert.DoesNotContain("   at ", run.Output + run.Errors);
    }

    public static TheoryData<HostileMode, int> HostileModes => new()
    {
        // A rejected key stops the run; every other fault is retried, then counted per instance as not judged.
        { HostileMode.Unauthorized, 3 },
        { HostileMode.StallMidBody, 1 },
        { HostileMode.CloseMidBody, 1 },
        { HostileMode.ConnectionReset, 1 },
        { HostileMode.InvalidJson, 1 },
        { HostileMode.HugeBody, 1 },
        { HostileMode.EchoAuthorization, 1 },
    };

    [Theory]
    [MemberData(nameof(HostileModes))]
    public async Task A_hostile_judge_ends_bench_with_the_documented_exit_code_one_line_and_no_key(HostileMode mode, int exitCode)
    {
        const string key = "sk-hostile-secret-0123456789";
        await using var judge = await HostileJudge.StartAsync(mode);
        string output = Path.Combine(_work, $"{mode}.jsonl");
        var run = await Cli.RunAsync(["bench", "--dataset", TwoInstances(), "--responses", TwoResponses(), "--out", output,
                "--judge-endpoint", judge.BaseUrl.ToString(), "--judge-model", "loopback-judge", "--cache", "off"],
            new Dictionary<string, string?>
            {
                ["FLASK_JUDGE_API_KEY"] = key,
                ["FLASK_JUDGE_MAX_RETRIES"] = "1",
                ["FLASK_JUDGE_TIMEOUT_SECONDS"] = "2",
            });

        Assert.Equal(exitCode, run.ExitCode);
        Assert.DoesNotContain(key, run.Output + run.Errors);
        Assert.DoesNotContain("   at ", run.Output + run.Errors);
        Assert.Empty(File.Exists(output) ? ResultsJson.ReadLines(output) : []);
        if (mode == HostileMode.Unauthorized)
            Assert.Contains("FLASK_JUDGE_API_KEY", run.Output + run.Errors);
    }

    [Fact]
    public async Task Everything_judged_is_0_a_missing_response_or_judge_error_is_1()
    {
        await using var judge = await LoopbackJudge.StartAsync();
        string responses = Path.Combine(_work, "one-response.jsonl");
        Directory.CreateDirectory(_work);
        File.WriteAllLines(responses, ["""{"question_id": 1, "text": "3"}"""]);

        var all = await Cli.RunAsync(["bench", "--dataset", TwoInstances(), "--responses", TwoResponses(), "--out", Path.Combine(_work, "all.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "c1"))]);
        var missing = await Cli.RunAsync(["bench", "--dataset", TwoInstances(), "--responses", responses, "--out", Path.Combine(_work, "missing.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "c2"))]);
        judge.Script = _ => JudgeReply.Review("I will not score this.");
        var unscored = await Cli.RunAsync(["bench", "--dataset", TwoInstances(), "--responses", TwoResponses(), "--out", Path.Combine(_work, "unscored.jsonl"), "--cache", "off", .. Cli.Judge(judge, Path.Combine(_work, "c3"))]);

        Assert.Equal(0, all.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("1 × no response for the instance", missing.Output);
        Assert.Equal(1, unscored.ExitCode);
        Assert.Contains("2 result(s) have judge errors", unscored.Output);
    }

    [Fact]
    public async Task A_replay_miss_is_counted_not_judged_and_its_how_to_is_shown_whole()
    {
        var run = await Cli.RunAsync(["bench", "--dataset", TwoInstances(), "--responses", TwoResponses(), "--out", Path.Combine(_work, "replay.jsonl"),
            "--cache", "replay", "--cache-dir", Path.Combine(_work, "empty-cache")]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("2 × no recorded answer in the replay cache", run.Output);
        Assert.Contains("then commit the cache files.", run.Output); // the end of the hint, past 160 characters
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { ["--skill", "Factualty"], "Did you mean 'Factuality'?" },
        { ["--limit", "-1"], "--limit must be at least 1" },
        { ["--limit", "0"], "--limit must be at least 1" },
        { ["--concurrency", "0"], "--concurrency must be at least 1" },
        { ["--domain", "Cooking"], "Unknown --domain 'Cooking'" },
        { ["--difficulty", "9"], "Unknown --difficulty '9'" },
        { ["--shard", "3/2"], "--shard takes i/n" },
        // Parse errors of the command line itself are one line and exit code 2 too, not the whole help text.
        { ["--bogus"], "Unrecognized command or argument '--bogus'" },
        { ["--concurrency", "abc"], "'abc' is not a valid value for --concurrency: it takes a whole number" },
        { ["--limit", "abc"], "'abc' is not a valid value for --limit: it takes a whole number" },
        // A selection that would judge nothing is an error, never a green run.
        { ["--skill", "Harmlessness"], "Nothing to judge: the filters select none of the 2 instance(s)" },
        { ["--shard", "3/3"], "Nothing to judge" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task A_usage_error_is_one_line_naming_the_fix_with_exit_code_2(string[] options, string expected)
    {
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "usage.jsonl");

        var run = await Cli.RunAsync(["bench", "--dataset", TwoInstances(), "--responses", TwoResponses(), "--out", output, .. options, .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dotnet flask: ", line);
        Assert.Contains(expected, line);
        Assert.Equal(0, judge.RequestCount);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task An_empty_or_unreadable_dataset_is_exit_code_2_never_a_green_run_of_nothing()
    {
        await using var judge = await LoopbackJudge.StartAsync();
        foreach (string dataset in new[] { Dataset(), Dataset("", "   "), Dataset("not json") })
        {
            var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", TwoResponses(), "--out", Path.Combine(_work, $"{Guid.NewGuid():N}.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("Nothing to judge:", run.Errors);
        }
        Assert.Equal(0, judge.RequestCount);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("import")]
    public async Task An_unknown_option_among_file_arguments_is_named_as_an_option_not_a_missing_file(string command)
    {
        string results = Dataset("""{"id": "1", "instruction": "q", "response": "r", "skills": []}""");

        var run = await Cli.RunAsync([command, results, "--bogus"]);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"dotnet flask: Unrecognized option '--bogus' (see dotnet flask {command} --help).", run.Errors.Trim());
    }

    [Fact]
    public async Task A_standard_output_that_cannot_be_written_is_exit_code_2_in_one_line_not_a_bug_report()
    {
        if (!File.Exists("/dev/full"))
            Assert.Skip("No /dev/full on this system: the full-disk output cannot be simulated.");
        Directory.CreateDirectory(_work);
        string results = Path.Combine(_work, "results.jsonl");
        File.WriteAllText(results, ResultsJson.ToLine(new ScoredResponse
        {
            Id = "1",
            Instruction = "q",
            Skills = [new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.Scored, 4, 3, true, "", null)],
        }) + "\n");
        ProcessStartInfo start = ChildProcess.Describe("sh", ["-c", $"exec dotnet '{Cli.Dll}' report '{results}' --format md > /dev/full"], null);

        var run = await ChildProcess.RunAsync(start, TestContext.Current.CancellationToken);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dotnet flask: cannot read or write:", line);
    }

    [Fact]
    public async Task A_report_of_no_result_is_exit_code_2()
    {
        string empty = Dataset();
        var run = await Cli.RunAsync(["report", empty]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Nothing to report", run.Errors);
    }

    // The settings and the judge client are built while the data is read: their errors must still come after the data's,
    // one line each, and a dry run still needs no judge.
    [Fact]
    public async Task Settings_and_judge_errors_come_after_the_datas_as_when_built_in_turn()
    {
        Dictionary<string, string?> badSetting = new() { [FlaskJudgeSettings.ConcurrencyVariable] = "abc" };
        string instances = TwoInstances(), responses = TwoResponses(); // in this order: the first creates the directory
        string output = Path.Combine(_work, "order.jsonl");
        string missing = Path.Combine(_work, "missing.jsonl");

        var bothWrong = await Cli.RunAsync(["bench", "--dataset", missing, "--responses", responses, "--out", output], badSetting);
        // The responses are read on another core while the data set is read: the data set's problem is still the one said.
        string missingResponses = Path.Combine(_work, "missing-responses.jsonl");
        var bothMissing = await Cli.RunAsync(["bench", "--dataset", missing, "--responses", missingResponses, "--out", output]);
        var responsesMissing = await Cli.RunAsync(["bench", "--dataset", instances, "--responses", missingResponses, "--out", output]);
        var settingWrong = await Cli.RunAsync(["bench", "--dataset", instances, "--responses", responses, "--out", output,
            "--judge-endpoint", "http://127.0.0.1:9/v1", "--judge-model", "m"], badSetting);
        var noJudge = await Cli.RunAsync(["bench", "--dataset", instances, "--responses", responses, "--out", output, "--cache", "off"]);
        var dryRun = await Cli.RunAsync(["bench", "--dataset", instances, "--responses", responses, "--out", output, "--cache", "off", "--dry-run"]);

        Assert.Equal((2, $"dotnet flask: File not found: {missing}"), (bothWrong.ExitCode, bothWrong.Errors.Trim()));
        Assert.Equal((2, $"dotnet flask: File not found: {missing}"), (bothMissing.ExitCode, bothMissing.Errors.Trim()));
        Assert.Equal((2, $"dotnet flask: File not found: {missingResponses}"), (responsesMissing.ExitCode, responsesMissing.Errors.Trim()));
        Assert.Equal((2, "dotnet flask: FLASK_JUDGE_CONCURRENCY must be a whole number above 0, not 'abc'."), (settingWrong.ExitCode, settingWrong.Errors.Trim()));
        Assert.Equal(2, noJudge.ExitCode);
        Assert.StartsWith("dotnet flask: No judge is configured.", noJudge.Errors.Trim());
        Assert.Single(noJudge.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("Dry run: 2 judge calls", dryRun.Output);
        Assert.False(File.Exists(output));
    }
}
