using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>flask gate, annotate and calibrate end to end, against the loopback judge on FLASK data.</summary>
public sealed class GateAnnotateCalibrateTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-gate");

    public void Dispose() => _work.Dispose();

    private async Task<string> Bench(string dataset, string name, int score)
    {
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(score));
        string output = Path.Combine(_work, $"{name}.jsonl");
        await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("vicuna_13b"), "--out", output, "--cache", "off", .. Cli.Judge(judge, Path.Combine(_work, name))]);
        return output;
    }

    [Fact]
    public async Task Gate_passes_a_run_equal_to_its_baseline_and_fails_a_real_drop_with_CI_annotations()
    {
        string dataset = Cli.Slice(_work, 40);
        string baseline = await Bench(dataset, "baseline", 4);
        string same = await Bench(dataset, "same", 4);
        string worse = await Bench(dataset, "worse", 3);

        var pass = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", same]);
        var fail = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", worse], new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_WORKSPACE"] = _work.Path });
        var azure = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", worse, "--annotations", "azure"],
            new Dictionary<string, string?> { ["BUILD_SOURCESDIRECTORY"] = _work.Path });

        Assert.Equal(0, pass.ExitCode);
        Assert.Contains("none regressed", pass.Output);
        Assert.Equal(1, fail.ExitCode);
        Assert.Contains("FLASK regression: Comprehension fell from 4.00 to 3.00", fail.Output);
        Assert.Matches(@"::error file=worse\.jsonl,title=FLASK regression%3A Comprehension::Comprehension fell from 4\.00 to 3\.00", fail.Output);
        Assert.Contains("##vso[task.logissue type=error;sourcepath=worse.jsonl]FLASK regression:", azure.Output);
    }

    [Fact]
    public async Task Gate_of_a_run_that_judged_nothing_never_passes()
    {
        string dataset = Cli.Slice(_work, 6);
        string baseline = await Bench(dataset, "base", 4);
        string empty = Path.Combine(_work, "empty.jsonl");
        File.WriteAllText(empty, string.Empty);
        string judgeErrors = Path.Combine(_work, "judge-errors.jsonl");
        File.WriteAllLines(judgeErrors, ResultsJson.ReadLines(baseline).Select(r => ResultsJson.ToLine(r with
        {
            Skills = [.. r.Skills.Select(s => s with { Status = SkillScoreStatus.JudgeError, Score = null, Passed = false })],
        })));

        var nothing = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", empty]);
        var emptyBoth = await Cli.RunAsync(["gate", "--baseline", empty, "--current", empty]);
        var unscored = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", judgeErrors]);
        var emptyBaseline = await Cli.RunAsync(["gate", "--baseline", empty, "--current", baseline]);
        var unscoredBaseline = await Cli.RunAsync(["gate", "--baseline", judgeErrors, "--current", baseline]);

        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("Nothing to compare", nothing.Errors);
        Assert.Equal(2, emptyBoth.ExitCode);
        Assert.Equal(1, unscored.ExitCode);
        Assert.Contains("this run has no scored result", unscored.Output);
        foreach (var (run, file) in new[] { (emptyBaseline, empty), (unscoredBaseline, judgeErrors) })
        {
            Assert.Equal(2, run.ExitCode);
            Assert.Contains($"Nothing to compare with: the baseline {file} holds no scored result", run.Errors);
            Assert.DoesNotContain("passed", run.Output);
        }
    }

    [Fact]
    public async Task Gate_with_a_missing_file_says_so_and_exits_2()
    {
        var run = await Cli.RunAsync(["gate", "--baseline", Path.Combine(_work, "nope.jsonl"), "--current", Path.Combine(_work, "nope2.jsonl")]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("File not found", run.Errors);
    }

    [Fact]
    public async Task Annotate_labels_skills_domain_and_difficulty_with_FLASKs_annotation_prompts()
    {
        Directory.CreateDirectory(_work);
        string input = Path.Combine(_work, "mine.jsonl");
        File.WriteAllLines(input, ["""{"idx": 1, "instruction": "Write a function that reverses a linked list.", "answer": "def reverse(head): ..."}"""]);
        await using var judge = await LoopbackJudge.StartAsync(call => call.SystemPrompt switch
        {
            var s when s.Contains("selects the necessary skills") => JudgeReply.Review("2. Logical Correctness: ...\n3. Logical Efficiency: ...\n1. Logical Robustness: ...\n\n[2, 3, 1]"),
            var s when s.Contains("labeling the domain") => JudgeReply.Review("Coding"),
            _ => JudgeReply.Review("Formal education knowledge"),
        });

        var run = await Cli.RunAsync(["annotate", "--dataset", input, "--out", Path.Combine(_work, "annotated.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(0, run.ExitCode);
        FlaskInstance annotated = FlaskDatasetReader.ReadInstances(Path.Combine(_work, "annotated.jsonl")).Instances.Single();
        Assert.Equal(["Logical Correctness", "Logical Efficiency", "Logical Robustness"], annotated.Skills);
        Assert.Equal(["Coding"], annotated.Domains);
        Assert.Equal("formal education knowledge", annotated.Difficulty);
        Assert.Equal(3, judge.RequestCount);
        Assert.Contains("You are given the following 12 skills.", judge.Calls[0].UserPrompt);
        Assert.Contains("\n1. Logical Robustness: Does the model ensure", judge.Calls[0].UserPrompt);
        Assert.Contains("Problems that ask for straightforward implementation", judge.Calls[2].UserPrompt); // FLASK's coding difficulty prompt
    }

    [Fact]
    public async Task Calibrate_reports_pearson_spearman_and_kendall_per_skill()
    {
        string dataset = Cli.Slice(_work, 40);
        await using var judge = await LoopbackJudge.StartAsync(HeuristicReviewer.Review);
        string judged = Path.Combine(_work, "judged.jsonl");
        await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", judged, .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);
        // "Humans" who agree with the judge exactly on Comprehension, and in reverse on Readability.
        ScoredResponse[] results = [.. ResultsJson.ReadLines(judged)];
        var human = results.SelectMany(r => r.Skills.Where(s => s.Score is not null && s.Id is "Comprehension" or "Readability")
            .Select(s => $"{{\"id\": \"{r.Id}\", \"skill\": \"{s.Name}\", \"score\": {(s.Id == "Comprehension" ? s.Score : 6 - s.Score)}}}"));
        File.WriteAllLines(Path.Combine(_work, "human.jsonl"), [.. human, "{\"id\": \"1\", \"skill\": \"Charm\", \"score\": 3}"]);

        var run = await Cli.RunAsync(["calibrate", "--judge", judged, "--human", Path.Combine(_work, "human.jsonl")]);

        Assert.Equal(1, run.ExitCode); // the "Charm" line was skipped: something was not calibrated
        Assert.Matches(@"\| Comprehension \| \d+ \| 1\.000 \| 1\.000 \| 1\.000 \|", run.Output);
        Assert.Matches(@"\| Readability \| \d+ \| (-1\.000|–) \|", run.Output);
        Assert.Contains("unknown skill 'Charm'", run.Errors);
    }

    [Fact]
    public async Task Annotate_exits_1_naming_what_the_judges_answers_left_unlabelled()
    {
        Directory.CreateDirectory(_work);
        string input = Path.Combine(_work, "two.jsonl");
        File.WriteAllLines(input, ["""{"idx": 1, "instruction": "What is 2+2?"}""", """{"idx": 2, "instruction": "Name a colour."}"""]);
        await using var judge = await LoopbackJudge.StartAsync(_ => JudgeReply.Review("I cannot evaluate this."));

        var run = await Cli.RunAsync(["annotate", "--dataset", input, "--out", Path.Combine(_work, "annotated.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Not annotated: 2 instruction(s)", run.Output);
        Assert.Contains("idx 1: skills, domain, difficulty", run.Output);
    }

    [Fact]
    public async Task Calibrate_refuses_bad_human_lines_one_by_one_and_never_exits_0_on_them_or_on_nothing_paired()
    {
        Directory.CreateDirectory(_work);
        string judged = Path.Combine(_work, "judged.jsonl");
        File.WriteAllLines(judged, Enumerable.Range(1, 4).Select(i => ResultsJson.ToLine(new ScoredResponse
        {
            Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Instruction = "q",
            Skills = [new ScoredSkill("Readability", "Readability", "User Alignment", SkillScoreStatus.Scored, i % 5 + 1, 3, true, "", null)],
        })));
        string human = Path.Combine(_work, "human-bad.jsonl");
        File.WriteAllLines(human, [
            """{"id": "1", "skill": "Readability", "score": 2}""",
            "garbage",
            """{"id": "2", "skill": "Readablity", "score": 4}""",
            """{"id": "3", "skill": "Readability", "score": 9}""",
            """{"id": "1", "skill": "readability", "score": 5}""",
            """{"id": "4"}""",
        ]);
        string empty = Path.Combine(_work, "empty.jsonl");
        File.WriteAllText(empty, string.Empty);
        string unpaired = Path.Combine(_work, "human-unpaired.jsonl");
        File.WriteAllLines(unpaired, ["""{"id": "99", "skill": "Readability", "score": 3}"""]);

        var bad = await Cli.RunAsync(["calibrate", "--judge", judged, "--human", human]);
        var nothing = await Cli.RunAsync(["calibrate", "--judge", empty, "--human", human]);
        var none = await Cli.RunAsync(["calibrate", "--judge", judged, "--human", unpaired]);

        Assert.Equal(1, bad.ExitCode);
        Assert.Contains($"{human}:2: malformed JSON", bad.Errors);
        Assert.DoesNotContain("LineNumber", bad.Errors);
        Assert.Contains($"{human}:3: unknown skill 'Readablity' (did you mean 'Readability'?)", bad.Errors);
        Assert.Contains($"{human}:4: score 9 for 'Readability' is outside FLASK's 1 to 5", bad.Errors);
        Assert.Contains($"{human}:5: a second human score for instance 1, skill 'Readability' (line 1 is kept)", bad.Errors);
        Assert.Contains($"{human}:6: needs 'id' and 'skill'", bad.Errors);
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("Nothing to calibrate", nothing.Errors);
        Assert.Equal(1, none.ExitCode);
        Assert.Contains("nothing was calibrated", none.Errors);
    }
}
