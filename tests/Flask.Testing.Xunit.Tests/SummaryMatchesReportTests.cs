using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
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
        FixtureRun run = await RunFixtureAsync(judge);
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
        // The cost too, derived the same way: the fixture's judge has no price, so its tokens, saying so.
        Assert.Contains("- **", CostLines(summary));
        Assert.Equal(CostLines(report), CostLines(summary));
        Assert.Contains("no price for model fixture-judge", CostLines(summary));
    }

    [Fact]
    public async Task The_test_run_summary_states_what_the_run_cost_in_markdown_and_json_as_the_report_does()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());
        Directory.CreateDirectory(_work);
        string prices = Path.Combine(_work, "prices.json");
        File.WriteAllText(prices, """{"models": {"fixture-judge": {"input": 1000, "output": 3000}}}""");
        FixtureRun run = await RunFixtureAsync(judge, prices);
        string results = Path.Combine(run.ResultsDirectory, "results.jsonl");
        ScoredResponse[] judged = [.. ResultsJson.ReadLines(results)];
        decimal usd = judged.Sum(r => r.InputTokens * 1000m + r.OutputTokens * 3000m) / 1_000_000m;
        Assert.True(usd >= 0.01m, "the loopback judge reports tokens");
        string summary = File.ReadAllText(Path.Combine(run.ResultsDirectory, "summary.md"));
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.ResultsDirectory, "summary.json")));

        var (exitCode, report, errors) = await ChildProcess.RunAsync(
            ChildProcess.Describe("dotnet", [CliDll, "report", results, "--format", "md", "--prices", prices]), TestContext.Current.CancellationToken);

        string dollars = usd.ToString("$#,0.00", System.Globalization.CultureInfo.InvariantCulture); // docs/cli.md, Cost: dollars and cents
        Assert.Contains($"this run cost {dollars}\n", CostLines(summary));
        Assert.Contains("unless overridden with FLASK_PRICES", summary);
        Assert.Equal(dollars, json.RootElement[0].GetProperty("cost").GetString());
        Assert.Equal(usd, json.RootElement[0].GetProperty("costUsd").GetDecimal());
        Assert.True(exitCode == 0, $"dotnet flask report exited {exitCode}: {errors}");
        Assert.Equal(CostLines(report), CostLines(summary));
    }

    [Fact]
    public async Task A_price_file_that_cannot_be_read_is_named_in_the_summary_instead_of_a_cost()
    {
        await using var judge = await LoopbackJudge.StartAsync(FixtureRun.Script());
        string missing = Path.Combine(_work, "no-such-prices.json");
        FixtureRun run = await RunFixtureAsync(judge, missing);

        string summary = File.ReadAllText(Path.Combine(run.ResultsDirectory, "summary.md"));
        Assert.Contains($"## Cost\n\nNot computed: Price file not found: {missing}", summary);
        Assert.Contains("## Skills", summary); // the scores stand
    }

    /// <summary>The fixture tests judged by <paramref name="judge"/> as "fixture-judge", cache off, with FLASK_PRICES when given.</summary>
    private Task<FixtureRun> RunFixtureAsync(LoopbackJudge judge, string? prices = null) => FixtureRun.RunAsync(_work, new Dictionary<string, string?>
    {
        ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
        ["FLASK_JUDGE_MODEL"] = "fixture-judge",
        ["FLASK_JUDGE_CACHE"] = "off",
        ["FLASK_PRICES"] = prices,
    }, "-class", "Flask.Testing.Xunit.Fixtures.FixtureTests");

    /// <summary>The "- **model**: this run cost …" lines of a report or summary.</summary>
    private static string CostLines(string markdown) =>
        string.Concat(markdown.Split('\n').Where(l => l.StartsWith("- **", StringComparison.Ordinal) && l.Contains(": this run cost ", StringComparison.Ordinal)).Select(l => l + "\n"));

    /// <summary>The section headed <paramref name="heading"/>, up to the next heading.</summary>
    private static string Section(string markdown, string heading)
    {
        int start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no {heading} in:\n{markdown}");
        int end = markdown.IndexOf("\n## ", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }
}
