using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Xunit.Tests;

/// <summary>The end-of-run regression gate against a committed baseline: quiet on judge noise, loud on a real drop.</summary>
public sealed class RegressionGateTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-gate-tests");

    public void Dispose() => _work.Dispose();

    private Task<FixtureRun> Run(Dictionary<string, int> scores, bool updateBaseline = false, params string[] arguments) =>
        Run(scores, updateBaseline, new Dictionary<string, string?>(), arguments);

    private async Task<FixtureRun> Run(Dictionary<string, int> scores, bool updateBaseline, Dictionary<string, string?> ci, params string[] arguments)
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script(scores));
        var environment = new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
            ["FLASK_JUDGE_MODEL"] = "fixture-judge",
            ["FLASK_JUDGE_CACHE"] = "off",
            ["FLASK_UPDATE_BASELINE"] = updateBaseline ? "true" : null,
        };
        foreach (var (key, value) in ci)
            environment[key] = value;
        return await FixtureRun.RunAsync(_work, environment, ["-class", "Flask.Testing.Xunit.Fixtures.GateTests", .. arguments]);
    }

    private static readonly Dictionary<string, int> Before = new() { ["g1"] = 4, ["g2"] = 4, ["g3"] = 5, ["g4"] = 3, ["g5"] = 4, ["g6"] = 5 };

    [Fact]
    public async Task The_baseline_command_writes_a_sorted_diffable_file()
    {
        FixtureRun run = await Run(Before, updateBaseline: true);

        Assert.Equal(0, run.ExitCode);
        string baseline = File.ReadAllText(Path.Combine(_work, "flask-baseline.json"));
        Assert.Contains("\"Flask.Testing.Xunit.Fixtures.GateTests.Gate(name: \\u0022g1\\u0022)\": {\n      \"Completeness\": 4\n    }", baseline);
        Assert.Contains("Baseline written to", run.Output);
    }

    [Fact]
    public async Task A_run_that_scored_nothing_writes_no_baseline_and_fails()
    {
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Review("What a lovely answer.")); // no score: judge errors only
        FixtureRun run = await FixtureRun.RunAsync(_work, new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
            ["FLASK_JUDGE_MODEL"] = "fixture-judge",
            ["FLASK_JUDGE_CACHE"] = "off",
            ["FLASK_UPDATE_BASELINE"] = "true",
        }, "-class", "Flask.Testing.Xunit.Fixtures.GateTests");

        Assert.NotEqual(0, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(_work, "flask-baseline.json")));
        Assert.Contains("FLASK_UPDATE_BASELINE is set but no skill was scored in this run", run.Output);
    }

    [Fact]
    public async Task Noise_on_one_test_passes_the_gate()
    {
        await Run(Before, updateBaseline: true);

        FixtureRun run = await Run(new(Before) { ["g3"] = 4 });

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("FLASK regression gate passed: 1 skill(s) compared with the baseline, none regressed.", run.Output);
    }

    [Fact]
    public async Task A_real_drop_fails_the_run_naming_the_skill_the_means_and_the_tests()
    {
        await Run(Before, updateBaseline: true);

        FixtureRun run = await Run(new() { ["g1"] = 3, ["g2"] = 3, ["g3"] = 3, ["g4"] = 2, ["g5"] = 3, ["g6"] = 4 });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("FLASK regression: Completeness fell from 4.17 to 3.00", run.Output);
        Assert.Contains("Gate(name: \"g3\") (5 → 3)", run.Output);
        Assert.Contains("FLASK_UPDATE_BASELINE=true dotnet test", run.Output);
        Assert.All(run.Outcomes.Values, o => Assert.Equal("Pass", o.Result)); // every test met its minimum: only the gate fails
    }

    private static readonly Dictionary<string, int> Dropped = new() { ["g1"] = 3, ["g2"] = 3, ["g3"] = 3, ["g4"] = 2, ["g5"] = 3, ["g6"] = 4 };

    [Fact]
    public async Task On_GitHub_and_Azure_the_run_shows_the_summary_and_the_gate_in_the_job_summary()
    {
        await Run(Before, updateBaseline: true);
        string summary = Path.Combine(_work, "step-summary.md");
        string agentTemp = Path.Combine(_work, "agent-temp");
        Directory.CreateDirectory(agentTemp);

        FixtureRun run = await Run(Dropped, updateBaseline: false, new Dictionary<string, string?>
        {
            ["GITHUB_STEP_SUMMARY"] = summary,
            ["TF_BUILD"] = "True",
            ["AGENT_TEMPDIRECTORY"] = agentTemp,
        });

        Assert.NotEqual(0, run.ExitCode);
        string text = File.ReadAllText(summary);
        Assert.StartsWith("# FLASK results\n\n- **results**: 6 responses, 0 N/A and 0 judge errors", text);
        Assert.Contains("| Completeness | Problem Handling | 3.00 [2.34, 3.66] (n=6) | 0 | 0 | 0 |", text);
        Assert.Contains("## FLASK regression gate: FAILED", text);
        Assert.Contains("| Completeness | 6 | 4.17 → 3.00 | \u22121.17 |", text);
        Assert.Contains("### Completeness regressed (4.17 → 3.00, tolerance 0.25)", text);
        Assert.Contains("- `Flask.Testing.Xunit.Fixtures.GateTests.Gate(name: \"g3\") (5 → 3)`", text);
        // The run history's section, as in summary.md: what moved since the previous run.
        Assert.Contains("## Run history", text);
        Assert.Matches(@"Since run 1 \(\d{4}-\d\d-\d\d \d\d:\d\d UTC[^)]*\):", text);
        Assert.Contains("6 tests worse: regressed", text);
        var upload = System.Text.RegularExpressions.Regex.Match(run.Output, @"##vso\[task\.uploadsummary\]([^\r\n]+)");
        Assert.True(upload.Success, run.Output);
        Assert.Equal(text, File.ReadAllText(upload.Groups[1].Value));
    }

    [Fact]
    public async Task Under_dotnet_test_a_regression_fails_the_run_once_as_one_gate_node_not_once_per_test()
    {
        await Run(Before, updateBaseline: true);
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script(Dropped));

        var (exitCode, output) = await FixtureDotnetTest.RunAsync(_work, Judge(judge), "--filter-class", "Flask.Testing.Xunit.Fixtures.GateTests", "--report-trx");

        Assert.Equal(2, exitCode); // the platform's "some tests failed"
        Assert.Contains("total: 7", output);      // the 6 tests and the gate
        Assert.Contains("failed: 1", output);
        Assert.Contains("succeeded: 6", output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, "failed FLASK regression gate"));
        Assert.DoesNotContain("Cleanup Failure", output);
        Assert.Contains("FLASK regression: Completeness fell from 4.17 to 3.00", output);
        Assert.Contains("FLASK_UPDATE_BASELINE=true dotnet test", output);
        string trx = File.ReadAllText(Assert.Single(Directory.GetFiles(Path.Combine(_work, "mtp"), "*.trx")));
        Assert.Matches("<UnitTestResult [^>]*testName=\"FLASK regression gate\"[^>]*outcome=\"Failed\"", trx);
        // The platform's TRX keeps the FLASK traits of each test as properties.
        Assert.Matches(@"<Key>FlaskSkill</Key>\s*<Value>Completeness</Value>", trx);
        Assert.Matches(@"<Key>FlaskAbility</Key>\s*<Value>Problem Handling</Value>", trx);
    }

    [Fact]
    public async Task Under_dotnet_test_a_passing_gate_adds_no_node()
    {
        await Run(Before, updateBaseline: true);
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script(Before));

        var (exitCode, output) = await FixtureDotnetTest.RunAsync(_work, Judge(judge), "--filter-class", "Flask.Testing.Xunit.Fixtures.GateTests");

        Assert.Equal(0, exitCode);
        Assert.Contains("total: 6", output);
        Assert.DoesNotContain("failed FLASK regression gate", output);
    }

    private static Dictionary<string, string?> Judge(LoopbackJudge judge) => new()
    {
        ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
        ["FLASK_JUDGE_MODEL"] = "fixture-judge",
        ["FLASK_JUDGE_CACHE"] = "off",
    };

    [Fact]
    public async Task A_changed_display_name_still_pairs_with_the_baseline_and_a_drop_fails()
    {
        await Run(Before, updateBaseline: true);

        FixtureRun run = await Run(Dropped, updateBaseline: false, "-methodDisplay", "method");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("FLASK regression: Completeness fell from 4.17 to 3.00", run.Output);
        Assert.DoesNotContain("Not judged (fewer than", run.Output);
    }

    [Fact]
    public async Task A_baseline_whose_tests_no_longer_pair_fails_the_gate_saying_how_many_paired_and_why()
    {
        await Run(Before, updateBaseline: true);
        string baseline = Path.Combine(_work, "flask-baseline.json");
        File.WriteAllText(baseline, File.ReadAllText(baseline).Replace("GateTests.Gate(", "GateTests.OldGate(", StringComparison.Ordinal));

        FixtureRun run = await Run(Before);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("FLASK regression gate FAILED: the baseline no longer pairs with this run: only 0 of the run's 6 scored test(s) have an entry among the baseline's 6; " +
            "6 test(s) of this run are not in the baseline (e.g. 'Flask.Testing.Xunit.Fixtures.GateTests.Gate(name: \"g1\")'", run.Output);
        Assert.Contains("6 baseline entries were not run (e.g. 'Flask.Testing.Xunit.Fixtures.GateTests.OldGate(name: \"g1\")'", run.Output);
        Assert.Contains("FLASK_UPDATE_BASELINE=true dotnet test", run.Output);
        Assert.All(run.Outcomes.Values, o => Assert.Equal("Pass", o.Result));
    }

    [Fact]
    public async Task A_run_of_some_of_the_baselined_tests_pairs_and_passes()
    {
        await Run(Before, updateBaseline: true);
        string baseline = Path.Combine(_work, "flask-baseline.json");
        File.WriteAllText(baseline, File.ReadAllText(baseline).Replace("\"scores\": {", "\"scores\": {\n    \"Flask.Testing.Xunit.Fixtures.Other.Test_a\": { \"Completeness\": 4 },\n    \"Flask.Testing.Xunit.Fixtures.Other.Test_b\": { \"Completeness\": 4 },", StringComparison.Ordinal));

        FixtureRun run = await Run(Before);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("FLASK regression gate passed", run.Output);
    }
    /// <summary>flask-baseline.json after two branches that both updated it were merged: git's conflict markers around an entry.</summary>
    private string ConflictedBaseline()
    {
        string baseline = Path.Combine(_work, "flask-baseline.json");
        string text = File.ReadAllText(baseline);
        int start = text.IndexOf("    \"Flask.Testing.Xunit.Fixtures.GateTests.Gate(name: \\u0022g3\\u0022)\"", StringComparison.Ordinal);
        Assert.True(start > 0, text);
        int end = text.IndexOf("},\n", start, StringComparison.Ordinal) + 3;
        string ours = text[start..end];
        File.WriteAllText(baseline, text[..start] + "<<<<<<< HEAD\n" + ours + "=======\n" +
            ours.Replace("\"Completeness\": 5", "\"Completeness\": 4", StringComparison.Ordinal) + ">>>>>>> feature\n" + text[end..]);
        return baseline;
    }

    [Fact]
    public async Task Under_dotnet_test_a_broken_baseline_fails_the_run_once_with_one_line_and_the_summary_job_summary_and_history_are_written()
    {
        await Run(Before, updateBaseline: true);
        string baseline = ConflictedBaseline();
        string stepSummary = Path.Combine(_work, "step-summary.md");
        string history = Path.Combine(_work, "history.db");
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script(Before));

        var (exitCode, output) = await FixtureDotnetTest.RunAsync(_work, new Dictionary<string, string?>(Judge(judge))
        {
            ["GITHUB_STEP_SUMMARY"] = stepSummary,
            ["FLASK_HISTORY"] = history,
        }, "--filter-class", "Flask.Testing.Xunit.Fixtures.GateTests");

        Assert.Equal(2, exitCode); // the platform's "some tests failed": the gate, once
        Assert.Contains("total: 7", output);
        Assert.Contains("succeeded: 6", output);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(output, "failed FLASK regression gate"));
        Assert.DoesNotContain("Cleanup Failure", output);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
        string line = $"FLASK regression gate not applied: {baseline}(";
        Assert.Contains(line, output);
        Assert.Contains("): not a baseline file: ", output);
        Assert.Contains("record it again with FLASK_UPDATE_BASELINE=true dotnet test.", output);
        // The run's record is whole: its summary names the broken file, the job summary has the results and the
        // failure, and the history has the run.
        string summary = File.ReadAllText(Path.Combine(_work, "results", "summary.md"));
        Assert.Contains("# FLASK results", summary);
        Assert.Contains("FLASK regression gate not applied: ", summary);
        Assert.Contains("Recorded as run 1 in", summary);
        string job = File.ReadAllText(stepSummary);
        Assert.StartsWith("# FLASK results", job);
        Assert.Contains("## FLASK regression gate: FAILED\n\nFLASK regression gate not applied: ", job);
        Assert.True(File.Exists(history));
    }

    [Fact]
    public async Task Under_xunit_a_broken_baseline_fails_the_run_once_and_the_summary_is_written()
    {
        await Run(Before, updateBaseline: true);
        ConflictedBaseline();

        FixtureRun run = await Run(Before);

        Assert.NotEqual(0, run.ExitCode);
        Assert.All(run.Outcomes.Values, o => Assert.Equal("Pass", o.Result));
        Assert.Contains("FLASK regression gate not applied: ", run.Output);
        Assert.Contains("FLASK regression gate not applied: ", File.ReadAllText(Path.Combine(_work, "results", "summary.md")));
    }

    [Fact]
    public async Task Updating_the_baseline_from_a_filtered_run_replaces_the_entries_of_the_tests_that_ran_and_keeps_the_others()
    {
        await Run(Before, updateBaseline: true);
        string baseline = Path.Combine(_work, "flask-baseline.json");
        // Tests of another class, not run by this -class filtered run: their entries must survive the update.
        File.WriteAllText(baseline, File.ReadAllText(baseline).Replace("\"scores\": {", "\"scores\": {\n    \"Flask.Testing.Xunit.Fixtures.Other.Test_a\": { \"Completeness\": 4 },\n    \"Flask.Testing.Xunit.Fixtures.Other.Test_b\": { \"Readability\": 2 },", StringComparison.Ordinal));

        FixtureRun run = await Run(Dropped, updateBaseline: true);

        Assert.Equal(0, run.ExitCode);
        Baseline updated = Baseline.Load(baseline);
        Assert.Equal(8, updated.Scores.Count);
        Assert.Equal(4, updated.Scores["Flask.Testing.Xunit.Fixtures.Other.Test_a"]["Completeness"]);
        Assert.Equal(2, updated.Scores["Flask.Testing.Xunit.Fixtures.Other.Test_b"]["Readability"]);
        Assert.Equal(3, updated.Scores["Flask.Testing.Xunit.Fixtures.GateTests.Gate(name: \"g3\")"]["Completeness"]); // 5 before: replaced
        Assert.Contains($"Baseline written to {baseline}: 6 test(s) recorded from this run (0 new, 6 replaced), 2 kept from tests not scored in this run.", run.Output);
        Assert.Contains("delete it and run every test with FLASK_UPDATE_BASELINE=true", run.Output);
    }

    [Fact]
    public async Task Updating_a_baseline_that_cannot_be_read_replaces_it_and_says_so()
    {
        await Run(Before, updateBaseline: true);
        string baseline = ConflictedBaseline();

        FixtureRun run = await Run(Before, updateBaseline: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(6, Baseline.Load(baseline).Scores.Count);
        Assert.Contains("The old file could not be read (", run.Output);
        Assert.Contains("so it was replaced, not merged", run.Output);
    }
}
