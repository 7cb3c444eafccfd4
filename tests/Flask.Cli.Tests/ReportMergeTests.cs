using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>flask report over several files: each (model, instance) counts once; names from the data cannot inject markup.</summary>
public sealed class ReportMergeTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-merge");

    public void Dispose() => _work.Dispose();

    private static ScoredResponse Result(string id, int score, string model = "m", string domain = "Coding") => new()
    {
        Id = id,
        Model = model,
        Instruction = $"Question {id}",
        Response = $"Answer {id}",
        Domains = [domain],
        Difficulty = "expert level knowledge",
        Skills = [new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.Scored, score, null, true, "", null)],
    };

    private string Write(string name, params ScoredResponse[] results)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, name);
        File.WriteAllLines(path, results.Select(ResultsJson.ToLine));
        return path;
    }

    [Fact]
    public async Task The_same_file_twice_counts_each_result_once_with_a_warning()
    {
        string a = Write("a.jsonl", Result("1", 5), Result("2", 1), Result("3", 3));

        var once = await Cli.RunAsync(["report", a, "--format", "json"]);
        var twice = await Cli.RunAsync(["report", a, a, "--format", "json"]);

        Assert.Equal(0, twice.ExitCode);
        Assert.Equal(once.Output, twice.Output);
        using JsonDocument json = JsonDocument.Parse(twice.Output);
        Assert.Equal(3, json.RootElement[0].GetProperty("responses").GetInt32());
        Assert.Contains($"warning: {a} repeats 3 result(s) already read from {a}", twice.Errors);
    }

    [Fact]
    public async Task Conflicting_duplicates_are_an_error_naming_both_places()
    {
        string a = Write("a.jsonl", Result("1", 5), Result("2", 1));
        string b = Write("b.jsonl", Result("3", 4), Result("2", 2));

        var run = await Cli.RunAsync(["report", a, b]);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{b}:2:", line);
        Assert.Contains($"{a}:2", line);
        Assert.Contains("'2'", line);
    }

    [Fact]
    public async Task Model_and_domain_names_are_escaped_in_the_Markdown_report()
    {
        string evil = "<img src=x onerror=alert(1)>";
        string a = Write("a.jsonl", Result("1", 5, model: evil, domain: "<script>alert(2)</script>"), Result("2", 4, model: "x|y*z*", domain: "[link](http://e.x)"));

        var run = await Cli.RunAsync(["report", a, "--format", "md"]);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("<img", run.Output);
        Assert.DoesNotContain("<script", run.Output);
        Assert.DoesNotContain("](http", run.Output);
        Assert.Contains("&lt;img src=x onerror=alert\\(1\\)&gt;", run.Output);
        Assert.Contains("x\\|y\\*z\\*", run.Output);
        Assert.Contains("## Expert level knowledge (difficulty 5)", run.Output);
        Assert.Contains("186 expert-level instances", run.Output);
    }
}
