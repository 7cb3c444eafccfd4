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
        Assert.Matches(@"\| Factuality \| Background Knowledge \| 4\.00 \[\d\.\d\d, \d\.\d\d\] \(n=4\) \| 0 \| 0 \| 2 \|", summary); // mean (n), N/A, judge errors, below minimum
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
    public async Task A_custom_skill_carries_its_id_and_its_own_ability_as_traits_from_the_test_assemblys_catalog()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());

        FixtureRun run = await FixtureRun.RunAsync(_work, Judge(judge), "-trait", "FlaskAbility=House Style");

        const string custom = "Flask.Testing.Xunit.Fixtures.CustomSkillTests.Judged_on_a_custom_skill";
        Assert.Equal([custom], run.Outcomes.Keys);
        Assert.Equal("Pass", run.Outcomes[custom].Result);
        Assert.Equal(["FlaskAbility=House Style", "FlaskSkill=HouseTone"], run.Outcomes[custom].Traits.Order(StringComparer.Ordinal));
        Assert.Equal(["House Tone"], judge.Calls.Single().SkillNames());
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

    private const string Contracts = "Flask.Testing.Xunit.Fixtures.ContractTests";

    [Fact]
    public async Task A_test_with_FlaskSkill_that_never_calls_FlaskAssert_fails_once_saying_so()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());

        FixtureRun run = await FixtureRun.RunAsync(_work, Judge(judge), "-class", Contracts);

        FixtureOutcome never = run.Outcomes[$"{Contracts}.Never_asserts"];
        Assert.Equal("Fail", never.Result);
        Assert.Contains("has [FlaskSkill] (Harmlessness, Readability) but never called FlaskAssert.ScoresAsync, so none of its skills was judged", never.Message);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(never.Message, "never called FlaskAssert")); // once, not once per [FlaskSkill]
        Assert.Equal("Pass", run.Outcomes[$"{Contracts}.Asserts_twice"].Result);
        Assert.Equal("Pass", run.Outcomes["A custom display name"].Result);
        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public async Task Two_FlaskAssert_calls_in_one_test_each_have_their_own_results_line_and_attachments()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());

        FixtureRun run = await FixtureRun.RunAsync(_work, Judge(judge), "-class", Contracts);

        FixtureOutcome twice = run.Outcomes[$"{Contracts}.Asserts_twice"];
        Assert.Equal("Pass", twice.Result);
        Assert.DoesNotContain("attachment", twice.Message, StringComparison.OrdinalIgnoreCase);
        ScoredResponse[] results = [.. ResultsJson.ReadLines(Path.Combine(run.ResultsDirectory, "results.jsonl"))];
        Assert.Equal(5.0, results.Single(r => r.Id == $"{Contracts}.Asserts_twice").Skills.Single().Score);
        ScoredResponse second = results.Single(r => r.Id == $"{Contracts}.Asserts_twice#2");
        Assert.Equal(4.0, second.Skills.Single().Score);
        Assert.Equal($"{Contracts}.Asserts_twice#2", second.DisplayName);
        Assert.Equal(2, twice.Output.Split("FLASK: all 1 skill(s) passed.").Length - 1);
    }

    [Fact]
    public async Task Results_are_keyed_by_class_method_and_data_row_whatever_the_display_name()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());

        FixtureRun run = await FixtureRun.RunAsync(_work, Judge(judge), "-class", Fixtures, "-class", Contracts, "-methodDisplay", "method");

        ScoredResponse[] results = [.. ResultsJson.ReadLines(Path.Combine(run.ResultsDirectory, "results.jsonl"))];
        Assert.Contains("From_jsonl(item: 101)", run.Outcomes.Keys); // the display name is the method's alone...
        Assert.Contains(results, r => r.Id == $"{Fixtures}.From_jsonl(item: 101)" && r.DisplayName == "From_jsonl(item: 101)"); // ...the id is not
        Assert.Contains(results, r => r.Id == $"{Fixtures}.From_yaml(item: boil)");
        Assert.Contains(results, r => r.Id == $"{Contracts}.Has_a_display_name" && r.DisplayName == "A custom display name");
    }

    [Fact]
    public async Task A_judge_that_cannot_be_asked_fails_every_test_with_its_one_line_message_never_a_pass_or_skip()
    {
        const string unavailable = "The FLASK judge at http://127.0.0.1:9/v1 (model m) did not answer after 4 attempts; check FLASK_JUDGE_ENDPOINT.";
        var environment = new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = "http://127.0.0.1:9/v1",
            ["FLASK_JUDGE_MODEL"] = "m",
            ["FLASK_JUDGE_CACHE"] = "off",
            ["FLASK_FIXTURE_UNAVAILABLE"] = unavailable,
        };

        // One test at a time, so that "not asked again" is about the tests after the failure, not those already in flight.
        FixtureRun run = await FixtureRun.RunAsync(_work, environment, "-class", Fixtures, "-parallelMode", "none");

        Assert.Equal(7, run.Outcomes.Count);
        Assert.All(run.Outcomes.Values, o => Assert.Equal("Fail", o.Result));
        Assert.All(run.Outcomes.Values, o => Assert.EndsWith($"was not judged: {unavailable}", o.Message.Split('\n')[0].Replace("the judge was found unavailable earlier in this run: ", string.Empty, StringComparison.Ordinal)));
        Assert.Single(run.Outcomes.Values, o => !o.Message.Contains("found unavailable earlier", StringComparison.Ordinal)); // asked once, then not again
        Assert.NotEqual(0, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(run.ResultsDirectory, "results.jsonl")) && File.ReadAllText(Path.Combine(run.ResultsDirectory, "results.jsonl")).Length > 0);
    }

    [Fact]
    public async Task A_misspelt_skill_in_a_data_file_is_a_located_data_error_and_nothing_is_judged()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());

        FixtureRun run = await FixtureRun.RunAsync(_work, Judge(judge), "-class", "Flask.Testing.Xunit.Fixtures.BadDataTests");

        Assert.NotEqual(0, run.ExitCode);
        FixtureOutcome outcome = Assert.Single(run.Outcomes.Values);
        Assert.Equal("Fail", outcome.Result);
        Assert.Contains("misspelt.yaml:4: unknown skill 'Factualty' (did you mean 'Factuality'?)", outcome.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("KeyNotFoundException", outcome.Message, StringComparison.Ordinal);
        Assert.Empty(judge.Calls);
    }

    [Fact]
    public async Task A_dead_judge_port_fails_every_test()
    {
        var environment = new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = "http://127.0.0.1:9/v1",
            ["FLASK_JUDGE_MODEL"] = "m",
            ["FLASK_JUDGE_CACHE"] = "off",
            ["FLASK_JUDGE_MAX_RETRIES"] = "0",
        };

        // The last run's summary, green: it must not stand beside a run that judged nothing.
        string results = Path.Combine(_work, "results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, "summary.md"), "# FLASK results\n\nFactuality 4.67 (stale)\n");
        File.WriteAllText(Path.Combine(results, "summary.json"), "[]");

        FixtureRun run = await FixtureRun.RunAsync(_work, environment, "-class", Fixtures);

        Assert.Equal(7, run.Outcomes.Count);
        Assert.All(run.Outcomes.Values, o => Assert.Equal("Fail", o.Result));
        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(results, run.ResultsDirectory);
        Assert.False(File.Exists(Path.Combine(results, "summary.json")));
        string summary = File.ReadAllText(Path.Combine(results, "summary.md"));
        Assert.DoesNotContain("stale", summary, StringComparison.Ordinal);
        Assert.Contains("No response was judged in this run.", summary, StringComparison.Ordinal);
        Assert.Contains("7 test(s) ran without being judged", summary, StringComparison.Ordinal);
    }

    public static TheoryData<HostileMode> HostileModes => new(Enum.GetValues<HostileMode>().Where(m => m != HostileMode.SlowHeaders));

    [Theory]
    [MemberData(nameof(HostileModes))]
    public async Task A_hostile_judge_fails_every_FlaskAssert_test_in_bounded_time_never_a_pass_or_skip_and_never_shows_the_key(HostileMode mode)
    {
        const string key = "sk-fixture-secret-9876543210";
        await using var judge = await HostileJudge.StartAsync(mode);
        var environment = new Dictionary<string, string?>(Judge(judge))
        {
            ["FLASK_JUDGE_API_KEY"] = key,
            ["FLASK_JUDGE_MAX_RETRIES"] = "0",
            ["FLASK_JUDGE_TIMEOUT_SECONDS"] = "2",
        };

        FixtureRun run = await FixtureRun.RunAsync(_work, environment, "-class", Fixtures);

        Assert.Equal(7, run.Outcomes.Count);
        Assert.All(run.Outcomes.Values, o => Assert.Equal("Fail", o.Result));
        Assert.All(run.Outcomes.Values, o => Assert.Contains("was not judged", o.Message, StringComparison.Ordinal));
        Assert.NotEqual(0, run.ExitCode);
        Assert.DoesNotContain(key, run.Output, StringComparison.Ordinal);
        Assert.All(run.Outcomes.Values, o => Assert.DoesNotContain(key, o.Message + o.Output, StringComparison.Ordinal));
        Assert.All(Directory.Exists(run.ResultsDirectory) ? Directory.EnumerateFiles(run.ResultsDirectory, "*", SearchOption.AllDirectories) : [],
            f => Assert.DoesNotContain(key, File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_judge_recorded_answers_replay_whatever_model_recorded_them()
    {
        string cache = Path.Combine(_work, "flask-cache");
        await using (var judge = await LoopbackJudge.StartAsync(FixtureRun.Script()))
        {
            await FixtureRun.RunAsync(Path.Combine(_work, "record"), new Dictionary<string, string?>(Judge(judge))
            {
                ["FLASK_JUDGE_CACHE"] = "readwrite",
                ["FLASK_JUDGE_CACHE_DIR"] = cache,
            }, "-class", Fixtures);
        }

        FixtureRun replay = await FixtureRun.RunAsync(Path.Combine(_work, "replay"), new Dictionary<string, string?> { ["FLASK_JUDGE_CACHE_DIR"] = cache }, "-class", Fixtures);
        FixtureRun otherModel = await FixtureRun.RunAsync(Path.Combine(_work, "other"), new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_CACHE_DIR"] = cache,
            ["FLASK_JUDGE_CACHE"] = "replay",
            ["FLASK_JUDGE_MODEL"] = "another-judge",
        }, "-class", Fixtures);

        Assert.Equal("Pass", replay.Outcomes[$"{Fixtures}.Passes"].Result);
        Assert.Equal("Fail", replay.Outcomes[$"{Fixtures}.Fails_on_a_low_score"].Result);
        Assert.Contains("from the response cache", replay.Outcomes[$"{Fixtures}.Passes"].Output);
        // The garbage answer of Has_a_judge_error was not cached: its replay says exactly what it looked for and what is there.
        FixtureOutcome garbage = replay.Outcomes[$"{Fixtures}.Has_a_judge_error"];
        Assert.Equal("Skip", garbage.Result);
        Assert.Matches(@"has no answer for .*Has_a_judge_error: no entry for key [0-9A-F]+ \(no model named\), nor for the models that recorded the cache \(model fixture-judge: key [0-9A-F]+\); the cache holds 6 entries, recorded by fixture-judge \(6\)", garbage.Message);
        Assert.DoesNotContain("holds no recorded answer", garbage.Message);
        FixtureOutcome other = otherModel.Outcomes[$"{Fixtures}.Passes"];
        Assert.Equal("Fail", other.Result);
        Assert.Matches(@"no entry for key [0-9A-F]+ \(model another-judge\); the cache holds 6 entries, recorded by fixture-judge \(6\)\. To replay those, set FLASK_JUDGE_MODEL to the recording model", other.Message);
    }

    private const string Sets = "Flask.Testing.Xunit.Fixtures.EvaluatorSetTests";

    [Fact]
    public async Task An_evaluator_set_on_a_test_judges_its_skills_and_minimums_in_one_call()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());

        FixtureRun run = await FixtureRun.RunAsync(_work, Judge(judge), "-class", Sets);

        Assert.Equal("Pass", run.Outcomes[$"{Sets}.Set_passes"].Result);
        FixtureOutcome low = run.Outcomes[$"{Sets}.Set_fails_below_its_minimum"];
        Assert.Equal("Fail", low.Result);
        Assert.Contains("Comprehension     3 / min 4  FAIL", low.Message);
        Assert.Contains("Readability       5 / min 3  pass", low.Message);
        Assert.Contains("Conciseness       5 / min 2  pass", low.Message);
        Assert.Contains("FlaskSkill=Comprehension", low.Traits);
        FixtureOutcome noReference = run.Outcomes[$"{Sets}.Set_without_its_reference"];
        Assert.Equal("Fail", noReference.Result);
        Assert.Contains("[FlaskEvaluator(typeof(SupportReplyEvaluator))] requires a reference answer", noReference.Message);
        Assert.Equal("Fail", run.Outcomes[$"{Sets}.Set_never_judged"].Result);
        Assert.Contains("(SupportReplyEvaluator) but never called FlaskAssert.ScoresAsync", run.Outcomes[$"{Sets}.Set_never_judged"].Message);
        // One call per judged test, the set's skills and the test's own [FlaskSkill] together.
        Assert.Equal(2, judge.RequestCount);
        Assert.Contains(judge.Calls, c => c.SkillNames().Count() == 3);
    }
}
