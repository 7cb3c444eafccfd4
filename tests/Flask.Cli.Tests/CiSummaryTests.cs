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

/// <summary>What dotnet flask gate and report show on a CI job's page: the job summary and annotations on repo paths.</summary>
public sealed class CiSummaryTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-ci");

    public void Dispose() => _work.Dispose();

    /// <summary>A baseline benched at 4 everywhere and a current run one point lower, under <c>repo/eval/</c> of a git repository.</summary>
    private async Task<(string Baseline, string Current)> Runs()
    {
        string eval = Path.Combine(_work, "repo", "eval");
        Directory.CreateDirectory(eval);
        Directory.CreateDirectory(Path.Combine(_work, "repo", ".git"));
        string dataset = Cli.Slice(_work, 40);
        string baseline = Path.Combine(eval, "baseline.jsonl");
        await using (var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(4)))
            await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("vicuna_13b"), "--out", baseline, "--cache", "off", .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);
        string current = Path.Combine(eval, "current.jsonl");
        File.WriteAllLines(current, ResultsJson.ReadLines(baseline).Select(r => ResultsJson.ToLine(r with
        {
            Skills = [.. r.Skills.Select(s => s with { Score = s.Score - 1 })],
        })));
        return (baseline, current);
    }

    [Fact]
    public async Task Gate_appends_its_verdict_to_the_GitHub_job_summary_with_the_table_the_regressions_and_the_worse_tests()
    {
        var (baseline, current) = await Runs();
        string summary = Path.Combine(_work, "step-summary.md");
        File.WriteAllText(summary, "Earlier step.\n");

        var run = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", current],
            new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.Equal(1, run.ExitCode);
        string text = File.ReadAllText(summary);
        Assert.StartsWith("Earlier step.\n# FLASK gate", text); // appended, never overwritten
        Assert.Contains("Baseline `eval/baseline.jsonl`, current `eval/current.jsonl`.", text);
        Assert.Contains("## FLASK regression gate: FAILED", text);
        Assert.Matches(@"\| Comprehension \| \d+ \| 4\.00 → 3\.00 \| −1\.00 \| \[−1\.00, −1\.00\] \| \*\*regressed\*\* \|", text);
        Assert.Contains("### Comprehension regressed (4.00 → 3.00, tolerance 0.25)", text);
        Assert.Matches(@"Tests that got worse:\n\n- `[^`]+ \(4 → 3\)`", text);
    }

    [Fact]
    public async Task Gate_uploads_its_summary_on_Azure_DevOps_and_annotates_the_repo_relative_path()
    {
        var (baseline, current) = await Runs();
        string agentTemp = Path.Combine(_work, "agent-temp");
        Directory.CreateDirectory(agentTemp);

        var run = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", current],
            new Dictionary<string, string?> { ["TF_BUILD"] = "True", ["AGENT_TEMPDIRECTORY"] = agentTemp });

        Assert.Equal(1, run.ExitCode);
        Match upload = Regex.Match(run.Output, @"^##vso\[task\.uploadsummary\](.+)$", RegexOptions.Multiline);
        Assert.True(upload.Success, run.Output);
        string file = upload.Groups[1].Value.TrimEnd('\r');
        Assert.Equal(agentTemp, Path.GetDirectoryName(file));
        Assert.Contains("## FLASK regression gate: FAILED", File.ReadAllText(file));
        Assert.Contains("##vso[task.logissue type=error;sourcepath=eval/current.jsonl]FLASK regression: Comprehension", run.Output);
    }

    [Fact]
    public async Task Annotations_name_the_path_relative_to_the_workspace_or_the_git_root_never_a_bare_or_absolute_name()
    {
        var (baseline, current) = await Runs();

        var gitRoot = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", current], new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true" });
        var workspace = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", current],
            new Dictionary<string, string?> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_WORKSPACE"] = _work.Path });

        Assert.Contains("::error file=eval/current.jsonl,title=FLASK regression%3A Comprehension::", gitRoot.Output);
        Assert.Contains("::error file=repo/eval/current.jsonl,title=FLASK regression%3A Comprehension::", workspace.Output);
    }

    [Fact]
    public async Task Report_appends_its_Markdown_to_the_job_summary_whatever_the_format()
    {
        var (baseline, _) = await Runs();
        string summary = Path.Combine(_work, "step-summary.md");

        var run = await Cli.RunAsync(["report", baseline, "--format", "html", "--out", Path.Combine(_work, "report.html")],
            new Dictionary<string, string?> { ["GITHUB_STEP_SUMMARY"] = summary });

        Assert.Equal(0, run.ExitCode);
        string text = File.ReadAllText(summary);
        Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("| Comprehension", text);
    }

    [Fact]
    public async Task Outside_CI_no_summary_is_written_and_no_command_is_printed()
    {
        var (baseline, current) = await Runs();

        var run = await Cli.RunAsync(["gate", "--baseline", baseline, "--current", current]);

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain("##vso", run.Output);
        Assert.DoesNotContain("::error", run.Output);
    }
}
