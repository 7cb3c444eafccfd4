using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>Broken data is a located data error (file:line, the field named), skipped and counted — never a crash, never "judge failed".</summary>
public sealed class BenchDataTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-data");

    public void Dispose() => _work.Dispose();

    private string Write(string name, params string[] lines)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task A_lone_surrogate_or_an_array_id_in_the_responses_is_a_located_data_error()
    {
        string dataset = Write("set.jsonl",
            """{"idx": 1, "instruction": "One", "skill": ["Factuality"]}""",
            """{"idx": 2, "instruction": "Two", "skill": ["Factuality"]}""",
            """{"idx": 3, "instruction": "Three", "skill": ["Factuality"]}""");
        string responses = Write("responses.jsonl",
            """{"question_id": [1], "text": "array id"}""",
            """{"question_id": 2, "text": "lone \ud800 surrogate"}""",
            """{"question_id": 3, "text": "fine"}""");
        await using var judge = await LoopbackJudge.StartAsync();

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", responses, "--out", Path.Combine(_work, "out.jsonl"), .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{responses}:1: 'question_id' must be a number or a text, not a list", run.Errors);
        Assert.Contains($"{responses}:2: 'text' is not valid Unicode text", run.Errors);
        Assert.Equal(["3"], ResultsJson.ReadLines(Path.Combine(_work, "out.jsonl")).Select(r => r.Id));
        Assert.Equal(1, judge.RequestCount);
        Assert.DoesNotContain("   at ", run.Errors);
    }

    [Fact]
    public async Task Instances_that_cannot_make_one_judge_call_and_fields_of_the_wrong_type_are_located_data_errors()
    {
        string thirteen = string.Join(", ", Enumerable.Repeat("\"Factuality\"", 13));
        string dataset = Write("set.jsonl",
            """{"idx": 1, "instruction": "Good", "skill": ["Factuality"]}""",
            """{"idx": 2, "instruction": "No skills", "skill": []}""",
            $$"""{"idx": 3, "instruction": "Thirteen", "skill": [{{thirteen}}]}""",
            """{"idx": 4, "instruction": "Twice", "skill": ["Factuality", "factuality"]}""",
            """{"idx": 5, "instruction": "Stray rubric", "skill": ["Factuality"], "rubric": {"Readability": {"checklist": ["short"]}}}""",
            """{"idx": 6, "instruction": "Text min", "skill": ["Factuality"], "min_score": "four"}""",
            """{"idx": 7, "instruction": "Object skill", "skill": [{"name": "Factuality"}]}""",
            """{"idx": 8, "instruction": 42, "skill": ["Factuality"]}""",
            """{"idx": 9, "instruction": "Scoring without 3", "skill": ["Factuality"], "rubric": {"Factuality": {"scoring": {"1": "a", "2": "b", "4": "d", "5": "e"}}}}""",
            """{"idx": {"x": 1}, "instruction": "Object id", "skill": ["Factuality"]}""",
            """{"idx": 11, "instruction": "Misspelt", "skill": ["Factualty"]}""");
        string responses = Write("responses.jsonl", [.. Enumerable.Range(1, 11).Select(i => $$"""{"question_id": {{i}}, "text": "answer {{i}}"}""")]);
        await using var judge = await LoopbackJudge.StartAsync();
        string output = Path.Combine(_work, "out.jsonl");
        string[] bench = ["bench", "--dataset", dataset, "--responses", responses, "--out", output, .. Cli.Judge(judge, Path.Combine(_work, "cache"))];

        var run = await Cli.RunAsync(bench);
        var resumed = await Cli.RunAsync([.. bench, "--resume"]);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"{dataset}:2: no skills", run.Errors);
        Assert.Contains($"{dataset}:3: 13 skills: one judge call takes 1 to 12", run.Errors);
        Assert.Contains($"{dataset}:4: skill 'Factuality' is listed twice", run.Errors);
        Assert.Contains($"{dataset}:5: a rubric for 'Readability', a skill this instance does not judge", run.Errors);
        Assert.Contains($"{dataset}:6: 'min_score' must be a number, not a text", run.Errors);
        Assert.Contains($"{dataset}:7: 'skill' must hold texts, not an object", run.Errors);
        Assert.Contains($"{dataset}:8: 'instruction' must be a text, not a number", run.Errors);
        Assert.Contains($"{dataset}:9: 'rubric.Factuality.scoring.3' is missing", run.Errors);
        Assert.Contains($"{dataset}:10: 'idx' must be a number or a text, not an object", run.Errors);
        Assert.Contains($"{dataset}:11: unknown skill 'Factualty' (did you mean 'Factuality'?)", run.Errors);
        Assert.DoesNotContain("judge failed", run.Output);
        Assert.Contains("Skipped 10:", run.Output);
        Assert.Equal(["1"], ResultsJson.ReadLines(output).Select(r => r.Id));
        Assert.Equal(1, judge.RequestCount);
        Assert.Equal(1, resumed.ExitCode);
        Assert.Equal(1, judge.RequestCount); // data errors are not retried on resume: they are not the judge's
    }
}
