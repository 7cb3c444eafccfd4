using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// FLASK-HARD has its own ids (1..89) while FLASK's model outputs use the main set's: bench pairs them through the
/// instruction, and warns when a data set and a responses file do not belong together.
/// </summary>
public sealed class FlaskHardTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-hard");

    public void Dispose() => _work.Dispose();

    private static string EvaluationSet(string file) => Path.Combine(RepoPaths.SharedFlaskOrSkip(), "evaluation_set", file);

    private static Dictionary<string, string> Gpt4() => File.ReadLines(Cli.Responses("gpt4")).Select(l => JsonDocument.Parse(l).RootElement)
        .ToDictionary(e => e.GetProperty("question_id").GetRawText(), e => e.GetProperty("text").GetString()!);

    [Fact]
    public async Task A_FLASK_HARD_instance_is_judged_against_the_answer_to_its_own_question()
    {
        string folder = Path.Combine(_work, "evaluation_set");
        Directory.CreateDirectory(folder);
        string hard = Path.Combine(folder, "flask_hard_evaluation.jsonl");
        File.WriteAllLines(hard, File.ReadLines(EvaluationSet("flask_hard_evaluation.jsonl")).Take(5));
        File.Copy(EvaluationSet("flask_evaluation.jsonl"), Path.Combine(folder, "flask_evaluation.jsonl"));
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "hard.jsonl");

        var run = await Cli.RunAsync(["bench", "--dataset", hard, "--responses", Cli.Responses("gpt4"), "--out", output, .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Paired 5 of 5 instance(s)", run.Errors);
        ScoredResponse[] results = [.. ResultsJson.ReadLines(output)];
        Assert.Equal(["40", "52", "79", "92", "134"], results.Select(r => r.Id).OrderBy(int.Parse)); // hard #1 is main #40
        Dictionary<string, string> gpt4 = Gpt4();
        Assert.All(results, r => Assert.Equal(gpt4[r.Id], r.Response));
        Assert.DoesNotContain("warning", run.Errors);
    }

    [Fact]
    public async Task An_explicit_id_map_pairs_any_file_and_a_mismatched_pairing_is_warned_about()
    {
        Directory.CreateDirectory(_work);
        string subset = Path.Combine(_work, "subset.jsonl");
        File.WriteAllLines(subset, File.ReadLines(EvaluationSet("flask_hard_evaluation.jsonl")).Take(20));
        await using var judge = await LoopbackJudge.StartAsync();
        string[] common = ["--dataset", subset, "--responses", Cli.Responses("gpt4"), "--dry-run"];

        var mapped = await Cli.RunAsync(["bench", .. common, "--out", Path.Combine(_work, "a.jsonl"), "--id-map", EvaluationSet("flask_evaluation.jsonl")]);
        var unmapped = await Cli.RunAsync(["bench", .. common, "--out", Path.Combine(_work, "b.jsonl")]);
        var main = await Cli.RunAsync(["bench", "--dataset", Cli.Slice(_work, 20), "--responses", Cli.Responses("gpt4"), "--dry-run", "--out", Path.Combine(_work, "c.jsonl")]);

        Assert.Contains("Paired 20 of 20 instance(s)", mapped.Errors);
        Assert.DoesNotContain("warning", mapped.Errors);
        Assert.Contains("do not look like answers to the instructions", unmapped.Errors);
        Assert.Contains("--id-map", unmapped.Errors);
        Assert.DoesNotContain("warning", main.Errors);
    }

    [Fact]
    public async Task The_real_sets_FLASK_HARD_pairs_88_of_89_and_hard_selects_the_main_sets_186_expert_level_instances()
    {
        Directory.CreateDirectory(_work);

        var hard = await Cli.RunAsync(["bench", "--dataset", EvaluationSet("flask_hard_evaluation.jsonl"), "--responses", Cli.Responses("gpt4"), "--dry-run", "--out", Path.Combine(_work, "h.jsonl")]);
        var expert = await Cli.RunAsync(["bench", "--dataset", EvaluationSet("flask_evaluation.jsonl"), "--responses", Cli.Responses("gpt4"), "--hard", "--dry-run", "--out", Path.Combine(_work, "e.jsonl")]);

        Assert.Contains("Paired 88 of 89 instance(s)", hard.Errors);
        Assert.Contains($"{EvaluationSet("flask_hard_evaluation.jsonl")}:82: not paired", hard.Errors);
        Assert.Contains("(88 selected,", hard.Output);
        Assert.Equal(1, hard.ExitCode); // one instance cannot be paired: not judged
        Assert.Contains("(186 selected,", expert.Output);
        Assert.Equal(0, expert.ExitCode);
    }
}
