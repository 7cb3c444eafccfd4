using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.Analysis;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// Text from data never starts a CI workflow command in what the tool or a test run prints: GitHub Actions runs a line
/// whose first non-blank characters are <c>::</c>, Azure Pipelines <c>##vso[</c> anywhere and <c>##[</c> at a line's
/// start. Generated hostile ids, responses, names and feedback (fixed seeds) through compare, gate, report and the parts
/// of a test run's summary.md.
/// </summary>
public sealed class WorkflowCommandTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-workflow-commands");

    public void Dispose() => _work.Dispose();

    private static readonly string[] Fragments =
    [
        "\n", "\r\n", "\r", "\u2028", "::error file=README.md,line=1::injected annotation", "::add-mask::secret", "::stop-commands::tok",
        "##vso[task.logissue type=error]vso injected", "##VSO[task.complete result=Failed]", "##[error]formatted", "  ::warning::w", "\t##vso[x]",
        "`", "|", "<b>", "plain words", "#", ":", "]", "[", " ", "%0A",
    ];

    /// <summary>A string of 1–8 fragments, a line break among them more often than not.</summary>
    private static string Hostile(Random random, string stem) =>
        stem + string.Concat(Enumerable.Range(0, random.Next(1, 9)).Select(_ => Fragments[random.Next(Fragments.Length)]));

    /// <summary>Fails naming the line when any line of <paramref name="output"/> is a workflow or logging command.</summary>
    private static void AssertInert(string what, string output)
    {
        foreach (string line in output.Split('\n').SelectMany(l => l.Split('\r')))
        {
            string body = line.TrimStart();
            Assert.False(body.StartsWith("::", StringComparison.Ordinal) || body.StartsWith("##[", StringComparison.Ordinal)
                || line.Contains("##vso[", StringComparison.OrdinalIgnoreCase), $"{what} prints a workflow command line: {line}");
        }
    }

    private static ScoredResponse Result(string id, string response, string skill, double score, string feedback, string? model = null) => new()
    {
        Id = id,
        Model = model,
        Instruction = "Question?",
        Response = response,
        JudgeModel = "judge-a",
        Skills = [new ScoredSkill("Factuality", skill, "Background Knowledge", SkillScoreStatus.Scored, score, null, true, feedback, null)],
    };

    /// <summary>Runs before and after: the same hostile ids, the later one with other (hostile) responses and lower scores.</summary>
    private static (ScoredResponse[] Before, ScoredResponse[] After) Runs(int seed)
    {
        var random = new Random(seed);
        string skill = Hostile(random, "Fact");
        string model = Hostile(random, "model");
        string[] ids = [.. Enumerable.Range(0, 12).Select(i => Hostile(random, $"id{i}"))];
        ScoredResponse[] before = [.. ids.Select(id => Result(id, Hostile(random, "The answer "), skill, 5, Hostile(random, "good "), model))];
        string later = Hostile(random, "model-b");
        ScoredResponse[] after = [.. ids.Select(id => Result(id, Hostile(random, "The answer "), skill, 1, Hostile(random, "bad "), later))];
        return (before, after);
    }

    private string Write(string name, IEnumerable<ScoredResponse> results)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, name);
        File.WriteAllLines(path, results.Select(ResultsJson.ToLine));
        return path;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Compare_gate_and_report_print_no_workflow_command_from_data(int seed)
    {
        var (before, after) = Runs(seed);
        string first = Write($"before{seed}.jsonl", before), second = Write($"after{seed}.jsonl", after);

        var compare = await Cli.RunAsync(["compare", first, second]);
        var gate = await Cli.RunAsync(["gate", "--baseline", first, "--current", second]);
        var report = await Cli.RunAsync(["report", first, second]);
        // The same model's results twice with other scores: refused naming model and instance, on one line.
        var conflict = await Cli.RunAsync(["report", first, Write($"again{seed}.jsonl", after.Select(r => r with { Model = before[0].Model }))]);

        Assert.True(compare.ExitCode == 0, compare.Errors);
        Assert.Contains("Response, word by word", compare.Output);
        Assert.Equal(1, gate.ExitCode);
        Assert.Contains("  Worse: ", gate.Output);
        Assert.True(report.ExitCode == 0, report.Errors);
        Assert.Equal(2, conflict.ExitCode);
        Assert.Single(conflict.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        foreach (var (what, text) in new[] { ("compare", compare.Output), ("gate", gate.Output + gate.Errors), ("report", report.Output), ("report's refusal", conflict.Errors) })
            AssertInert(what, text);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void The_parts_of_a_test_runs_summary_print_no_workflow_command_from_data(int seed)
    {
        var (before, after) = Runs(seed);
        var analysis = new FlaskAnalysis(after[0].Model!, FlaskSkills.Catalog);
        foreach (ScoredResponse response in after)
            analysis.Add(response);
        GateReport gate = RegressionGate.Compare(Baseline.From(before), after);
        GateReport broken = RegressionGate.Compare(Baseline.From(before), after.Select(r => r with { Id = r.Id + "\n::error::moved" }));
        RunComparison comparison = RunComparison.Of(before, after, "run 1", "run 2", new GateOptions());

        Assert.False(gate.Passed);
        AssertInert("MarkdownReport", MarkdownReport.Render([analysis.Result()], "FLASK results"));
        AssertInert("the gate's verdict", gate.Describe());
        AssertInert("the gate's job summary", gate.ToMarkdown());
        AssertInert("a broken pairing", broken.Describe());
        AssertInert("the history section", string.Join("\n", comparison.SkillLines()));
    }

    [Fact]
    public void Inert_text_keeps_every_character_and_one_line_text_has_no_line_break()
    {
        var random = new Random(11);
        for (int i = 0; i < 500; i++)
        {
            string text = Hostile(random, string.Empty);
            string inert = WorkflowCommandText.Inert(text), line = WorkflowCommandText.OneLine(text);

            AssertInert("Inert", inert);
            AssertInert("OneLine", line);
            // Only backslashes are added: removing the ones Inert put in gives the text back.
            Assert.Equal(text.Replace("\\", string.Empty, StringComparison.Ordinal), inert.Replace("\\", string.Empty, StringComparison.Ordinal));
            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain('\r', line);
            Assert.DoesNotContain('\u2028', line);
        }
        Assert.Equal("plain text\nnext line", WorkflowCommandText.Inert("plain text\nnext line"));
        Assert.Equal("a\n\\::error::x\n  \\##[group]g\nsee #\\#vso[task.x]", WorkflowCommandText.Inert("a\n::error::x\n  ##[group]g\nsee ##vso[task.x]"));
    }
}
