using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Xunit.Tests;

/// <summary>[FlaskSkill] tests in a real xUnit v3 test assembly, run as a process against the loopback judge.</summary>
public sealed class FlaskSkillTests : IDisposable
{
    private const string Fixtures = "Flask.Testing.Xunit.Fixtures.FixtureTests";
    private readonly TempDirectory _work = new("flask-xunit-tests");

    public void Dispose() => _work.Dispose();

    private static Dictionary<string, string?> Judge(LoopbackJudge judge) => new()
    {
        ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
        ["FLASK_JUDGE_MODEL"] = "fixture-judge",
        ["FLASK_JUDGE_CACHE"] = "off",
    };

    [Fact]
    public async Task Each_test_passes_or_fails_on_its_skills_with_a_message_per_skill()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());

        FixtureRun run = await FixtureRun.RunAsync(_work, Judge(judge), "-class", Fixtures);

        Assert.Equal(
        [
            $"{Fixtures}.Fails_on_a_low_score: Fail",
            $"{Fixtures}.From_jsonl(item: 101): Pass",
            $"{Fixtures}.From_jsonl(item: 102): Fail",
            $"{Fixtures}.From_yaml(item: boil): Pass",
            $"{Fixtures}.Has_a_judge_error: Fail",
            $"{Fixtures}.Passes: Pass",
            $"{Fixtures}.Passes_with_NA: Pass",
        ], run.Outcomes.Select(o => $"{o.Key}: {o.Value.Result}").Order(StringComparer.Ordinal));
        Assert.Equal(7 + 1, judge.RequestCount); // one call per test whatever its number of skills, plus the re-ask after the judge error

        string low = run.Outcomes[$"{Fixtures}.Fails_on_a_low_score"].Message;
        Assert.Contains("FLASK: 1 of 2 skill(s) scored below the minimum.", low);
        Assert.Contains("Factuality      2 / min 4  FAIL", low);
        Assert.Contains("Readability     5 / min 3  pass", low);
        Assert.Contains("The response was assessed for factuality. Verdict 2.", low); // the judge's feedback
        Assert.Contains("Judge: fixture-judge", low);

        string error = run.Outcomes[$"{Fixtures}.Has_a_judge_error"].Message;
        Assert.Contains("FLASK: the judge gave no usable score for 1 of 1 skill(s) (judge error, not a low score).", error);
        Assert.Contains("JUDGE ERROR (not a low score): the judge's review has no readable scores", error);
        Assert.DoesNotContain("FAIL\n", error);

        string na = run.Outcomes[$"{Fixtures}.Passes_with_NA"].Output;
        Assert.Contains("Metacognition     – / min 4  pass (N/A: the judge found this skill not applicable)", na);

        Assert.Contains("Factuality     4 / min 5  FAIL", run.Outcomes[$"{Fixtures}.From_jsonl(item: 102)"].Message); // the case's own min_score
        JudgeCall yaml = judge.Calls.Single(c => c.UserPrompt.Contains("boil at sea level"));
        Assert.Equal(["Readability", "Factuality"], yaml.SkillNames());
        Assert.Contains("Checklist for this instruction:\n- Says 100 degrees Celsius", yaml.UserPrompt);
        Assert.Contains("[Ground truth Answer]\n100 °C", yaml.UserPrompt);
    }

    [Fact]
    public async Task Every_score_is_written_to_results_with_a_per_skill_and_per_ability_summary()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());

        FixtureRun run = await FixtureRun.RunAsync(_work, Judge(judge), "-class", Fixtures);

        ScoredResponse[] results = [.. ResultsJson.ReadLines(Path.Combine(run.ResultsDirectory, "results.jsonl"))];
        string raw = File.ReadAllText(Path.Combine(run.ResultsDirectory, "results.jsonl"));
        Assert.Contains("\"status\":\"scored\"", raw);          // the documented format (docs/results.md)
        Assert.Contains("\"status\":\"not-applicable\"", raw);
        Assert.Contains("\"status\":\"judge-error\"", raw);
        Assert.Equal(7, results.Length);
        ScoredResponse low = results.Single(r => r.Id == $"{Fixtures}.Fails_on_a_low_score");
        Assert.Equal(("Factuality", SkillScoreStatus.Scored, 2.0, 4.0, false), (low.Skills[0].Id, low.Skills[0].Status, low.Skills[0].Score, low.Skills[0].MinScore, low.Skills[0].Passed));
        Assert.Equal("fixture-judge", low.JudgeModel);
        Assert.True(low.InputTokens > 0 && low.LatencyMs > 0 && !low.CacheHit);
        Assert.Equal(["Math"], results.Single(r => r.Id.EndsWith("(item: 101)", StringComparison.Ordinal)).Domains);
        string summary = File.ReadAllText(Path.Combine(run.ResultsDirectory, "summary.md"));
        Assert.Contains("| Factuality | Background Knowledge | 4.00 | 4 | 0 | 0 | 2 |", summary);
        Assert.Contains("| Problem Handling |", summary);
        Assert.Contains("# FLASK results", run.Output);
    }

    [Fact]
    public async Task Without_a_judge_tests_are_skipped_saying_how_to_configure_one()
    {
        FixtureRun run = await FixtureRun.RunAsync(_work, new Dictionary<string, string?>(), "-class", Fixtures);

        Assert.All(run.Outcomes.Values, o => Assert.Equal("Skip", o.Result));
        Assert.Equal(7, run.Outcomes.Count);
        Assert.All(run.Outcomes.Values, o => Assert.Contains("Set FLASK_JUDGE_ENDPOINT (an OpenAI-compatible base URL", o.Message));
        Assert.Equal(0, run.ExitCode);
    }

    [Fact]
    public async Task FLASK_REQUIRE_JUDGE_turns_the_skip_into_a_failure_for_CI()
    {
        FixtureRun run = await FixtureRun.RunAsync(_work, new Dictionary<string, string?> { ["FLASK_REQUIRE_JUDGE"] = "true" }, "-class", Fixtures);

        Assert.All(run.Outcomes.Values, o => Assert.Equal("Fail", o.Result));
        Assert.All(run.Outcomes.Values, o => Assert.Contains("FLASK_REQUIRE_JUDGE is set, so this fails instead of being skipped", o.Message));
        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public async Task Tests_carry_FlaskSkill_and_FlaskAbility_traits_and_filter_by_them()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());

        FixtureRun bySkill = await FixtureRun.RunAsync(Path.Combine(_work, "skill"), Judge(judge), "-preEnumerateTheories", "-trait", "FlaskSkill=Factuality");
        FixtureRun byAbility = await FixtureRun.RunAsync(Path.Combine(_work, "ability"), Judge(judge), "-preEnumerateTheories", "-trait", "FlaskAbility=Logical Thinking");

        Assert.Equal(
            [$"{Fixtures}.Fails_on_a_low_score", $"{Fixtures}.From_jsonl(item: 102)", $"{Fixtures}.From_yaml(item: boil)", $"{Fixtures}.Passes"],
            bySkill.Outcomes.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([$"{Fixtures}.From_jsonl(item: 101)"], byAbility.Outcomes.Keys);
        Assert.Contains("FlaskSkill=LogicalCorrectness", byAbility.Outcomes.Values.Single().Traits);
        Assert.Contains("FlaskAbility=Background Knowledge", bySkill.Outcomes[$"{Fixtures}.Passes"].Traits);
    }

    [Fact]
    public async Task Dotnet_test_filter_selects_by_trait_including_data_driven_cases()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());
        var environment = new Dictionary<string, string?>(Judge(judge))
        {
            ["FLASK_RESULTS_DIR"] = Path.Combine(_work, "results"),
            ["FLASK_BASELINE"] = Path.Combine(_work, "none.json"),
        };
        var (_, output, _) = await ChildProcess.RunAsync(ChildProcess.Describe("dotnet",
            ["test", FixtureRun.FixtureProject, "--no-build", "-c", FixtureRun.Configuration, "-p:FlaskFixtureRun=true",
             "--filter", "FlaskSkill=Factuality", "--results-directory", Path.Combine(_work, "mtp")], environment), TestContext.Current.CancellationToken);

        Assert.Contains("total: 4", output);     // Passes, Fails_on_a_low_score, From_jsonl(102), From_yaml(boil)
        Assert.Contains("failed: 2", output);
        Assert.Contains("succeeded: 2", output);
        Assert.Equal(4, judge.RequestCount);
    }
}
