using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.Pricing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>Issue 14, "Money, not only tokens": the price table and the costs bench and report derive from it.</summary>
public sealed partial class CostTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-cost");

    public void Dispose() => _work.Dispose();

    private string PriceFile(string json)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, "prices.json");
        File.WriteAllText(path, json);
        return path;
    }

    private async Task<(int ExitCode, string Output, string Errors, long PromptTokens, long MaxOutput)> DryRunAsync(LoopbackJudge judge, string judgeModel,
        string[]? extra = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        string dataset = Cli.Slice(_work, 10);
        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", Path.Combine(_work, "x.jsonl"), "--dry-run",
            "--judge-endpoint", judge.BaseUrl.ToString(), "--judge-model", judgeModel, "--cache-dir", Path.Combine(_work, "cache"), .. extra ?? []], environment);
        Match tokens = DryRunTokens().Match(run.Output);
        Assert.True(tokens.Success, run.Output + run.Errors);
        return (run.ExitCode, run.Output, run.Errors, Parse(tokens.Groups[1].Value), Parse(tokens.Groups[2].Value));
    }

    private static long Parse(string number) => long.Parse(number, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private static string Usd(decimal usd) => PriceTable.Dollars(usd);

    [Fact]
    public async Task Dry_run_prices_the_estimate_for_a_judge_model_in_the_shipped_table()
    {
        await using var judge = await LoopbackJudge.StartAsync();

        var run = await DryRunAsync(judge, "gpt-4o");

        Assert.Equal(0, run.ExitCode);
        // gpt-4o: $2.50 / $10.00 per million input / output tokens in the shipped table.
        decimal prompts = run.PromptTokens * 2.50m / 1_000_000m, most = prompts + run.MaxOutput * 10.00m / 1_000_000m;
        Assert.Contains($"Cost with judge gpt-4o: about {Usd(prompts)} for the prompts, at most {Usd(most)} with the output ($2.50 / $10.00 per million input / output tokens;", run.Output);
        Assert.Equal(0, judge.RequestCount);
    }

    [Fact]
    public async Task A_price_file_adds_a_model_and_overrides_a_shipped_one_through_the_option_and_the_variable()
    {
        await using var judge = await LoopbackJudge.StartAsync();
        string prices = PriceFile("""{"models": {"loopback-judge": {"input": 1000, "output": 3000}, "GPT-4o": {"input": 100, "output": 200}}}""");

        var added = await DryRunAsync(judge, "loopback-judge", ["--prices", prices]);
        var overridden = await DryRunAsync(judge, "gpt-4o", environment: new Dictionary<string, string?> { [FlaskSettings.PricesVariable] = prices });

        Assert.Equal(0, added.ExitCode);
        Assert.Contains($"Cost with judge loopback-judge: about {Usd(added.PromptTokens * 1000m / 1_000_000m)} for the prompts, at most {Usd((added.PromptTokens * 1000m + added.MaxOutput * 3000m) / 1_000_000m)}", added.Output);
        Assert.Equal(0, overridden.ExitCode);
        Assert.Contains($"Cost with judge gpt-4o: about {Usd(overridden.PromptTokens * 100m / 1_000_000m)} for the prompts", overridden.Output);
        Assert.Contains("($100.00 / $200.00 per million", overridden.Output);
    }

    [Fact]
    public async Task An_unknown_judge_model_shows_tokens_only_and_says_it_has_no_price()
    {
        await using var judge = await LoopbackJudge.StartAsync();

        var run = await DryRunAsync(judge, "loopback-judge");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Cost: no price for model loopback-judge, so tokens only", run.Output);
        Assert.DoesNotContain("$", run.Output);
    }

    [Theory]
    [InlineData("""{"models": {"m": {"input": "cheap", "output": 1}}}""", "model \"m\" needs \"input\" as a number")]
    [InlineData("""{"prices": {}}""", "has no \"models\" object")]
    [InlineData("""{"models": {"m": {"input": 1, "output": -2}}}""", "model \"m\" needs \"output\" as a number")]
    [InlineData("not json", "is not JSON")]
    public async Task A_broken_price_file_is_one_line_and_exit_2(string json, string problem)
    {
        await using var judge = await LoopbackJudge.StartAsync();
        string prices = PriceFile(json);
        string dataset = Cli.Slice(_work, 3);

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", Path.Combine(_work, "x.jsonl"), "--dry-run",
            "--prices", prices, .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"dotnet flask: {prices}", line);
        Assert.Contains(problem, line);
    }

    [Fact]
    public async Task A_missing_price_file_is_exit_2()
    {
        await using var judge = await LoopbackJudge.StartAsync();
        string dataset = Cli.Slice(_work, 3);
        string missing = Path.Combine(_work, "nope.json");

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", Path.Combine(_work, "x.jsonl"), "--dry-run",
            .. Cli.Judge(judge, Path.Combine(_work, "cache"))], new Dictionary<string, string?> { [FlaskSettings.PricesVariable] = missing });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Price file not found: {missing}", run.Errors);
    }

    [Fact]
    public async Task The_bench_summary_states_what_the_run_cost_from_the_tokens_the_judge_reported()
    {
        await using var judge = await LoopbackJudge.StartAsync();
        string dataset = Cli.Slice(_work, 4);
        string output = Path.Combine(_work, "run.jsonl");
        string prices = PriceFile("""{"models": {"loopback-judge": {"input": 1000, "output": 3000}}}""");

        var run = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", output, "--prices", prices,
            .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.True(run.ExitCode is 0 or 1, run.Errors);
        ScoredResponse[] results = [.. ResultsJson.ReadLines(output)];
        long input = results.Sum(r => r.InputTokens), outputTokens = results.Sum(r => r.OutputTokens);
        Assert.True(input > 0, "the loopback judge reports tokens");
        Assert.Contains($"Cost: {Usd((input * 1000m + outputTokens * 3000m) / 1_000_000m)} (judge loopback-judge;", run.Output);
        // The progress line (here its last one, "Done: …") carries the cost beside the tokens.
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{input + outputTokens:N0} tokens ({Usd((input * 1000m + outputTokens * 3000m) / 1_000_000m)}), "), run.Output);
    }

    [Fact]
    public async Task A_judge_answering_with_a_dated_snapshot_is_priced_as_its_base_model_the_same_by_bench_and_report()
    {
        // OpenAI and Azure OpenAI answer a request for gpt-4o with the snapshot that served it, and the results record that name.
        await using var judge = await LoopbackJudge.StartAsync(call =>
        {
            JudgeReply reply = LoopbackJudge.ScoreAll(4)(call);
            return reply with { RawBody = LoopbackJudge.Completion(call, reply).Replace("\"model\":\"gpt-4o\"", "\"model\":\"gpt-4o-2024-08-06\"", StringComparison.Ordinal) };
        });
        string dataset = Cli.Slice(_work, 4);
        string output = Path.Combine(_work, "dated.jsonl");

        var bench = await Cli.RunAsync(["bench", "--dataset", dataset, "--responses", Cli.Responses("gpt4"), "--out", output,
            "--judge-endpoint", judge.BaseUrl.ToString(), "--judge-model", "gpt-4o", "--cache-dir", Path.Combine(_work, "cache")]);
        var report = await Cli.RunAsync(["report", output]);

        Assert.True(bench.ExitCode is 0 or 1, bench.Errors);
        ScoredResponse[] results = [.. ResultsJson.ReadLines(output)];
        Assert.All(results, r => Assert.Equal("gpt-4o-2024-08-06", r.JudgeModel));
        long input = results.Sum(r => r.InputTokens), outputTokens = results.Sum(r => r.OutputTokens);
        string cost = Usd((input * 2.50m + outputTokens * 10.00m) / 1_000_000m);   // gpt-4o's shipped price
        Assert.Contains($"Cost: {cost} (judge gpt-4o;", bench.Output);
        Assert.Equal(0, report.ExitCode);
        Assert.Contains($"this run cost {cost}\n", report.Output);
    }

    [Fact]
    public void A_dated_snapshot_takes_its_own_price_when_listed_else_its_base_models_and_nothing_else_is_guessed()
    {
        PriceTable prices = PriceTable.Load(PriceFile("""{"models": {"gpt-4o-2024-05-13": {"input": 5, "output": 15}, "my-judge": {"input": 1, "output": 1}}}"""));

        Assert.Equal(new ModelPrice(2.50m, 10.00m), prices.Find("gpt-4o-2024-08-06"));    // not listed: gpt-4o's price
        Assert.Equal(new ModelPrice(2.50m, 10.00m), prices.Find("GPT-4o-2024-11-20"));
        Assert.Equal(new ModelPrice(5m, 15m), prices.Find("gpt-4o-2024-05-13"));           // listed: its own
        Assert.Equal(new ModelPrice(1m, 1m), prices.Find("my-judge-2025-01-31"));
        // Only a -YYYY-MM-DD suffix is a snapshot: other suffixes are other models.
        Assert.Null(prices.Find("gpt-4o-audio-preview"));
        Assert.Null(prices.Find("gpt-4o-2024-08"));
        Assert.Null(prices.Find("gpt-4o-20240806"));
        Assert.Null(prices.Find("mystery-2024-08-06"));
    }

    [Fact]
    public void The_bench_progress_line_prices_the_tokens_so_far_or_says_why_not()
    {
        PriceTable prices = PriceTable.Load(PriceFile("""{"models": {"priced-judge": {"input": 1000, "output": 3000}}}"""));
        var priced = new Flask.Cli.Bench.BenchStats(10, prices, "priced-judge");
        var unpriced = new Flask.Cli.Bench.BenchStats(10, prices, "my-local-judge");
        var unnamed = new Flask.Cli.Bench.BenchStats(10, prices, null);
        foreach (var stats in new[] { priced, unpriced, unnamed })
        {
            stats.Completed(1_000, 100, judgeError: false);
            stats.Completed(2_000, 200, judgeError: false);
        }

        // 3,000 × $1,000 + 300 × $3,000 per million: $3.00 + $0.90.
        Assert.Contains("2/10 judged, ", priced.Line());
        Assert.Contains("3,300 tokens ($3.90), 0 with judge errors", priced.Line());
        Assert.Contains("3,300 tokens (no price for model my-local-judge), ", unpriced.Line());
        Assert.Contains("3,300 tokens (no judge model named, so no price), ", unnamed.Line());
        Assert.DoesNotContain("$", unpriced.Line() + unnamed.Line());
    }

    private string Results(string model, string judgeModel, int count, long input, long output)
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, model + ".jsonl");
        File.WriteAllLines(path, Enumerable.Range(1, count).Select(i => ResultsJson.ToLine(new ScoredResponse
        {
            Id = i.ToString(CultureInfo.InvariantCulture),
            Model = model,
            Instruction = $"Instruction {i}",
            Skills = [new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.Scored, 4, null, true, "ok", null)],
            JudgeModel = judgeModel,
            InputTokens = input,
            OutputTokens = output,
        })));
        return path;
    }

    [Fact]
    public async Task The_report_says_what_each_run_cost_in_markdown_and_html_and_names_a_judge_without_a_price()
    {
        // 120 × (70,000 input, 1,000 output) tokens at gpt-4o's $2.50 / $10.00: 8.4M × 2.5 + 0.12M × 10 = $21.00 + $1.20.
        string priced = Results("app-a", "gpt-4o", 120, 70_000, 1_000);
        string unpriced = Results("app-b", "my-local-judge", 3, 500, 50);
        string page = Path.Combine(_work, "report.html");

        var markdown = await Cli.RunAsync(["report", priced, unpriced]);
        var html = await Cli.RunAsync(["report", priced, unpriced, "--format", "html", "--out", page]);

        Assert.Equal(0, markdown.ExitCode);
        Assert.Contains("- **app-a**: this run cost $22.20\n", markdown.Output);
        Assert.Contains("- **app-b**: this run cost 1,500 input + 150 output tokens, no price for model my-local-judge\n", markdown.Output);
        Assert.Equal(0, html.ExitCode);
        string text = File.ReadAllText(page);
        Assert.Contains("<td class=\"cost\">$22.20</td>", text);
        Assert.Contains("<td class=\"cost\">1,500 input + 150 output tokens, no price for model my-local-judge</td>", text);
        Assert.DoesNotContain("not computed", text);
    }

    [Fact]
    public async Task A_judge_model_name_in_the_markdown_cost_line_stays_text()
    {
        string results = Results("app-c", "<img src=x onerror=alert(1)>", 1, 10, 1);

        var markdown = await Cli.RunAsync(["report", results]);

        Assert.Equal(0, markdown.ExitCode);
        Assert.DoesNotContain("<img", markdown.Output);
        Assert.Contains("no price for model &lt;img src=x onerror=alert\\(1\\)&gt;", markdown.Output);
    }

    [Fact]
    public void Dollars_are_written_in_the_invariant_culture_whatever_the_current_one()
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("$1,234.50", PriceTable.Dollars(1234.5m));
            Assert.Equal("$0.0042", PriceTable.Dollars(0.0042m)); // under a cent: not rounded to $0.00
            Assert.Equal("$0.00", PriceTable.Dollars(0m));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void The_shipped_table_is_dated_and_prices_every_model_it_lists()
    {
        PriceTable table = PriceTable.Load(null);

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", table.AsOf);
        Assert.NotEmpty(table.Models);
        Assert.All(table.Models, m => Assert.NotNull(table.Find(m)));
        Assert.Equal(new ModelPrice(2.50m, 10.00m), table.Find("GPT-4o")); // case does not matter
        Assert.Null(table.Find("gpt-4o-audio-preview"));                    // no guessing from a similar name (a dated snapshot is not one: see below)
    }

    [GeneratedRegex(@"about ([\d,]+) prompt tokens \(cl100k\) and at most ([\d,]+) output tokens")]
    private static partial Regex DryRunTokens();
}
