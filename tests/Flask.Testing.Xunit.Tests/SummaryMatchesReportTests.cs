using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Xunit.Tests;

/// <summary>
/// One aggregation, one Markdown renderer: a test run's summary.md and <c>dotnet flask report --format md</c> on that
/// run's results.jsonl show the same tables, skill table first.
/// </summary>
public sealed class SummaryMatchesReportTests : IDisposable
{
    private static readonly string CliDll = Path.Combine(RepoPaths.Root, "src", "Flask.Cli", "bin", FixtureRun.Configuration, "net10.0", "dotnet-flask.dll");

    private readonly TempDirectory _work = new("flask-summary-report");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task The_test_run_summary_and_dotnet_flask_report_show_the_same_skill_table_for_the_same_results()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());
        FixtureRun run = await FixtureRun.RunAsync(_work, new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
            ["FLASK_JUDGE_MODEL"] = "fixture-judge",
            ["FLASK_JUDGE_CACHE"] = "off",
        }, "-class", "Flask.Testing.Xunit.Fixtures.FixtureTests");
        string results = Path.Combine(run.ResultsDirectory, "results.jsonl");
        string summary = File.ReadAllText(Path.Combine(run.ResultsDirectory, "summary.md"));

        Assert.True(File.Exists(CliDll), $"The CLI is not built: {CliDll}");
        var (exitCode, report, errors) = await ChildProcess.RunAsync(
            ChildProcess.Describe("dotnet", [CliDll, "report", results, "--format", "md"]), TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, $"dotnet flask report exited {exitCode}: {errors}");
        string skills = Section(report, "## Skills");
        Assert.Contains("| Factuality | Background Knowledge |", skills); // the fixture run judged; the table is not empty
        Assert.Contains("| Readability |", skills);
        Assert.Equal(skills, Section(summary, "## Skills"));
        // Not only the skill table: every table of the report is in the summary, as it is (the report's own "## Cost"
        // lines, priced by the CLI's price table, are not part of the analysis: docs/cli.md, Cost).
        string tables = report[report.IndexOf("\n## Skills", StringComparison.Ordinal)..];
        if (tables.IndexOf("\n## Cost\n", StringComparison.Ordinal) is int cost and >= 0)
            tables = tables[..cost];
        Assert.Contains(tables, summary);
    }

    /// <summary>The section headed <paramref name="heading"/>, up to the next heading.</summary>
    private static string Section(string markdown, string heading)
    {
        int start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {heading} in:\n{markdown}");
        int end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }
}
