using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// Which runs a <c>dotnet flask trend</c> draws: one project's and one judged model's, the newest run's unless given,
/// said in its title; and a run recorded outside a git checkout shows no made-up branch@commit.
/// </summary>
public sealed class TrendSelectionTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-trend-selection");

    public void Dispose() => _work.Dispose();

    private static ScoredResponse[] Results(string model, double score) => [.. Enumerable.Range(0, 5).Select(i => new ScoredResponse
    {
        Id = $"case{i}",
        Model = model,
        Instruction = "Question?",
        Response = "Answer.",
        JudgeModel = "judge-a",
        Skills = [new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.Scored, score, null, true, "f", null)],
    })];

    /// <summary>Runs 1–4: project bench with gpt4 (5.0), vicuna (1.0), gpt4 (5.0), then project App (3.0) outside git as the newest… unless <paramref name="appLast"/> is false.</summary>
    private string Store(bool appLast)
    {
        string path = Path.Combine(_work, $"history-{appLast}.db");
        using RunStore store = RunStore.Open(path);
        var checkout = new GitCheckout("0123456789abcdef0123456789abcdef01234567", "main");
        int n = 0;
        void Record(string project, string model, double score, GitCheckout git)
        {
            ScoredResponse[] results = Results(model, score);
            store.Record(RunInfo.Of(project, "bench", results, git, null, "test", DateTimeOffset.UnixEpoch.AddHours(n++)), results, TestContext.Current.CancellationToken);
        }
        if (appLast)
        {
            Record("bench", "gpt4", 5, checkout);
            Record("bench", "vicuna", 1, checkout);
            Record("bench", "gpt4", 5, checkout);
            Record("App", "app", 3, new GitCheckout(null, null));
        }
        else
        {
            Record("App", "app", 3, new GitCheckout(null, null));
            Record("bench", "gpt4", 5, checkout);
            Record("bench", "vicuna", 1, checkout);
            Record("bench", "gpt4", 5, checkout);
        }
        return path;
    }

    private static long[] RunIds(string json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];
    }

    [Fact]
    public async Task Without_project_or_model_the_trend_is_the_newest_runs_project_and_model_and_says_so()
    {
        string appNewest = Store(appLast: true), benchNewest = Store(appLast: false);

        var app = await Cli.RunAsync(["trend", "--store", appNewest, "--format", "json"]);
        var bench = await Cli.RunAsync(["trend", "--store", benchNewest, "--format", "json"]);
        var md = await Cli.RunAsync(["trend", "--store", benchNewest]);
        var vicuna = await Cli.RunAsync(["trend", "--store", benchNewest, "--model", "vicuna", "--format", "json"]);
        var project = await Cli.RunAsync(["trend", "--store", benchNewest, "--project", "bench", "--format", "json"]);

        Assert.All(new[] { app, bench, md, vicuna, project }, r => Assert.True(r.ExitCode == 0, r.Errors));
        Assert.Equal([4L], RunIds(app.Output));
        Assert.Equal([2L, 4L], RunIds(bench.Output));
        Assert.Contains(@"# FLASK trend: project bench, model gpt4, the last 20 runs \(project and model of the newest run; --project, --model for another\)", md.Output);
        Assert.Equal([3L], RunIds(vicuna.Output));
        Assert.Equal([2L, 4L], RunIds(project.Output));
    }

    [Fact]
    public async Task A_run_recorded_outside_git_shows_a_dash_not_a_made_up_branch_at_commit()
    {
        string store = Store(appLast: true);
        string page = Path.Combine(_work, "trend.html");

        var md = await Cli.RunAsync(["trend", "--store", store]);
        var html = await Cli.RunAsync(["trend", "--store", store, "--format", "html", "--out", page]);

        Assert.True(md.ExitCode == 0, md.Errors);
        Assert.True(html.ExitCode == 0, html.Errors);
        Assert.Contains("| 4 | 1970-01-01 03:00 | – |", md.Output);
        Assert.DoesNotContain("@run", md.Output);
        string text = await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("@run", text);
        Assert.Contains("<td>–</td><td>App</td>", text);
    }
}
