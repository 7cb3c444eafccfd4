using System;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Cli.Bench;
using Flask.Testing;
using Flask.Testing.TestKit;
using Microsoft.ML.Tokenizers;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// bench reads data through the runtime's one reader: the YAML case format of [FlaskData] as well as FLASK's JSONL,
/// with the same located data errors; and its dry run counts the very prompts a run sends.
/// </summary>
public sealed class BenchYamlTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-yaml");

    public void Dispose() => _work.Dispose();

    private string Write(string name, string text)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, name);
        File.WriteAllText(path, text);
        return path;
    }

    private string Responses() => Write("responses.jsonl",
        """
        {"question_id": "boil", "text": "Water boils at 100 degrees Celsius at sea level."}
        {"question_id": "capital", "text": "Paris."}
        {"question_id": "3", "text": "Blue, because of Rayleigh scattering."}

        """);

    [Fact]
    public async Task Bench_judges_a_YAML_data_set_end_to_end()
    {
        string dataset = Write("cases.yaml", """
            - id: boil
              instruction: At what temperature does water boil at sea level?
              reference: 100 °C
              skills: [Factuality, Conciseness]
              domains: [Natural Science]
              difficulty: simple_lifestyle_knowledge
              rubric:
                Factuality:
                  checklist: [Says 100 degrees Celsius]
            - id: capital
              instruction: What is the capital of France?
              skills: [readability]
            - instruction: Why is the sky blue?
              skills: Factuality
            """);
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "out.jsonl");

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Responses(), "--out", output, .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.True(run.ExitCode == 0, run.Errors);
        Assert.Equal(3, judge.RequestCount);
        ScoredResponse[] results = [.. ResultsJson.ReadLines(output).OrderBy(r => r.Id, StringComparer.Ordinal)];
        Assert.Equal(["3", "boil", "capital"], results.Select(r => r.Id)); // an item without an id is numbered by its position
        Assert.Equal(["Factuality", "Conciseness"], results[1].Skills.Select(s => s.Id));
        Assert.Equal(["Natural Science"], results[1].Domains);
        Assert.Equal("simple_lifestyle_knowledge", results[1].Difficulty);
        Assert.Equal(["Readability"], results[2].Skills.Select(s => s.Id));
        Assert.All(results, r => Assert.All(r.Skills, s => Assert.Equal(SkillScoreStatus.Scored, s.Status)));
        JudgeCall boil = judge.Calls.Single(c => c.UserPrompt.Contains("boil at sea level", StringComparison.Ordinal));
        Assert.Contains("Checklist for this instruction:\n- Says 100 degrees Celsius", boil.UserPrompt);
        Assert.Contains("[Ground truth Answer]\n100 °C", boil.UserPrompt);
        Assert.Equal(["Factuality", "Conciseness"], boil.SkillNames());
    }

    [Fact]
    public async Task A_bad_YAML_case_is_a_one_line_data_error_at_its_line_and_the_rest_is_judged()
    {
        string dataset = Write("cases.yaml", """
            - id: boil
              instruction: At what temperature does water boil at sea level?
              skills: [Factuality]
            - id: capital
              instruction: What is the capital of France?
              skill: [Readability]
            - id: "3"
              instruction: Why is the sky blue?
              skills: [Factuality]
              min_score: four
            - id: four
              skills: [Factuality]
            - id: five
              instruction: Unknown skill
              skills: [Factualty]
            """);
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "out.jsonl");

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Responses(), "--out", output, .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"skipped {dataset}:6: unknown key 'skill' (did you mean 'skills'?)", run.Errors);
        Assert.Contains($"skipped {dataset}:10: 'min_score' must be a number, not 'four'", run.Errors);
        Assert.Contains($"skipped {dataset}:11: 'instruction' is missing or empty", run.Errors);
        Assert.Contains($"skipped {dataset}:13: unknown skill 'Factualty' (did you mean 'Factuality'?)", run.Errors);
        Assert.Equal(["boil"], ResultsJson.ReadLines(output).Select(r => r.Id));
        Assert.Equal(1, judge.RequestCount);
        Assert.DoesNotContain("   at ", run.Errors);
    }

    [Fact]
    public async Task Malformed_YAML_is_an_input_error_at_its_line_in_one_line()
    {
        string dataset = Write("cases.yaml", "- id: boil\n  instruction: [unclosed\n  skills: [Factuality]\n");
        await using var judge = await LoopbackJudge.StartAsync();

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Responses(), "--out", Path.Combine(_work, "out.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(2, run.ExitCode);
        Assert.Matches($@"{Regex.Escape(dataset)}:\d+: malformed YAML: ", run.Errors);
        Assert.DoesNotContain("   at ", run.Errors);
        Assert.DoesNotContain("(Line:", run.Errors);
        Assert.Equal(0, judge.RequestCount);
    }

    [Fact]
    public async Task The_dry_runs_token_count_for_FLASK_HARD_equals_the_tokens_of_the_prompts_sent()
    {
        string shared = RepoPaths.SharedFlaskOrSkip();
        string folder = Path.Combine(_work, "evaluation_set");
        Directory.CreateDirectory(folder);
        string hard = Path.Combine(folder, "flask_hard_evaluation.jsonl");
        // FLASK-HARD's first five instances with instance rubrics, as FLASK-HARD is judged: a checklist per skill, and
        // score descriptions of its own for the first skill (what the estimate used to leave out).
        File.WriteAllLines(hard, File.ReadLines(Path.Combine(shared, "evaluation_set", "flask_hard_evaluation.jsonl")).Take(5).Select(line =>
        {
            JsonObject item = JsonNode.Parse(line)!.AsObject();
            string[] skills = [.. item["skill"]!.AsArray().Select(s => s!.GetValue<string>())];
            var rubric = new JsonObject();
            foreach (string skill in skills)
                rubric[skill] = new JsonObject { ["checklist"] = new JsonArray($"Does the answer about '{item["instruction"]!.GetValue<string>()[..20]}' get the {skill} right?", "Is every step of it explained?") };
            rubric[skills[0]]!["scoring"] = new JsonObject { ["1"] = "Wrong throughout.", ["2"] = "Mostly wrong.", ["3"] = "Half right.", ["4"] = "Mostly right.", ["5"] = "Right and complete, as the reference." };
            item["rubric"] = rubric;
            return item.ToJsonString();
        }));
        File.Copy(Path.Combine(shared, "evaluation_set", "flask_evaluation.jsonl"), Path.Combine(folder, "flask_evaluation.jsonl"));
        await using var judge = await LoopbackJudge.StartAsync();
        string[] common = ["bench", "--dataset", hard, "--responses", Cli.Responses("gpt4")];

        var dry = await Cli.RunAsync([.. common, "--dry-run", "--out", Path.Combine(_work, "dry.jsonl")]);
        var real = await Cli.RunAsync([.. common, "--out", Path.Combine(_work, "real.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(0, dry.ExitCode);
        Assert.Equal(0, real.ExitCode);
        Assert.Equal(5, judge.RequestCount);
        Assert.All(judge.Calls, c => Assert.Contains("Checklist for this instruction:", c.UserPrompt, StringComparison.Ordinal));
        Tokenizer tokenizer = TiktokenTokenizer.CreateForModel("gpt-4");
        long sent = judge.Calls.Sum(c => DryRun.Count(tokenizer, c.SystemPrompt) + DryRun.Count(tokenizer, c.UserPrompt));
        Match estimate = Regex.Match(dry.Output, @"Dry run: 5 judge calls .*, about ([\d,]+) prompt tokens");
        Assert.True(estimate.Success, dry.Output);
        Assert.Equal(sent, long.Parse(estimate.Groups[1].Value.Replace(",", string.Empty, StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
    }
}
