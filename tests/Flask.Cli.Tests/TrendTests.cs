using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.Analysis;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// Issue 15, "Trends": <c>dotnet flask trend</c> over a store of generated runs (fixed seed) — its means are the
/// runtime analysis's, a run without a skill is a gap, the page renders in Chromium with hostile store text inert —
/// and the moved tests' score history in <c>dotnet flask compare</c>'s page.
/// </summary>
public sealed partial class TrendTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-trend");

    public void Dispose() => _work.Dispose();

    private static readonly string[] Skills = ["LogicalRobustness", "Factuality", "Readability", "Conciseness"];

    /// <summary>A run of <paramref name="count"/> tests: seeded scores, N/A and judge errors; a skill left out of the whole run when <paramref name="without"/> names it.</summary>
    private static ScoredResponse[] Run(Random random, int count, string? without = null, Func<int, string>? id = null) =>
        [.. Enumerable.Range(0, count).Select(i => new ScoredResponse
        {
            Id = id?.Invoke(i) ?? $"App.Tests.Case_{i:000}",
            Instruction = $"Question {i}?",
            Response = $"Answer {i} {random.Next(3)}",
            JudgeModel = "judge-a",
            Skills = [.. Skills.Where(s => s != without && random.Next(4) > 0).Select(s =>
            {
                Skill skill = FlaskSkills.Catalog.Find(s)!;
                return random.Next(10) switch
                {
                    0 => new ScoredSkill(s, skill.Name, skill.Ability.Name, SkillScoreStatus.NotApplicable, null, null, true, "n/a", null),
                    1 => new ScoredSkill(s, skill.Name, skill.Ability.Name, SkillScoreStatus.JudgeError, null, null, false, null, "no score"),
                    _ => new ScoredSkill(s, skill.Name, skill.Ability.Name, SkillScoreStatus.Scored, random.Next(1, 6), null, true, $"feedback {i}", null),
                };
            })],
        })];

    private static RunInfo Info(string project, int n, ScoredResponse[] results, string? branch = "main", string? commit = null) =>
        RunInfo.Of(project, "test", results, new GitCheckout(commit ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(BitConverter.GetBytes(n))), branch), null, "test",
            new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero).AddHours(n));

    /// <summary>Twelve runs of project A (the fourth without Readability) and, between them, runs of project B.</summary>
    private (string Store, List<(RunInfo Run, ScoredResponse[] Results)> A) Store()
    {
        var random = new Random(1515);
        string path = Path.Combine(_work, "history.db");
        var a = new List<(RunInfo, ScoredResponse[])>();
        using RunStore store = RunStore.Open(path);
        for (int n = 0; n < 12; n++)
        {
            ScoredResponse[] results = Run(random, 60, without: n == 3 ? "Readability" : null);
            a.Add((store.Record(Info("A", n, results), results, TestContext.Current.CancellationToken), results));
            ScoredResponse[] other = Run(random, 20);
            store.Record(Info("B", n, other), other, TestContext.Current.CancellationToken);
        }
        return (path, a);
    }

    [Fact]
    public async Task Trend_md_and_json_give_each_runs_mean_as_the_runtime_analysis_computes_it_and_a_gap_where_a_run_lacks_a_skill()
    {
        var (store, runs) = Store();

        var json = await Cli.RunAsync(["trend", "--store", store, "--project", "A", "--last", "10", "--format", "json"]);
        var md = await Cli.RunAsync(["trend", "--store", store, "--project", "A", "--last", "10"]);

        Assert.True(json.ExitCode == 0, json.Errors);
        Assert.True(md.ExitCode == 0, md.Errors);
        var expected = runs.Skip(2).Select(r => (r.Run, Analysis: new Func<ModelAnalysis>(() =>
        {
            var analysis = new FlaskAnalysis("A", FlaskSkills.Catalog);
            foreach (ScoredResponse result in r.Results)
                analysis.Add(result);
            return analysis.Result();
        })())).ToArray();
        using JsonDocument document = JsonDocument.Parse(json.Output);
        Assert.Equal(expected.Select(e => e.Run.Id), document.RootElement.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        JsonElement[] skills = [.. document.RootElement.GetProperty("skills").EnumerateArray()];
        Assert.Equal(["LogicalRobustness", "Factuality", "Conciseness", "Readability"], skills.Select(s => s.GetProperty("id").GetString()));
        foreach (JsonElement skill in skills)
        {
            JsonElement[] points = [.. skill.GetProperty("points").EnumerateArray()];
            Assert.Equal(expected.Length, points.Length);
            for (int i = 0; i < points.Length; i++)
            {
                GroupScore? group = expected[i].Analysis.Skills.FirstOrDefault(g => g.Key == skill.GetProperty("id").GetString());
                Assert.Equal(expected[i].Run.Id, points[i].GetProperty("run").GetInt64());
                if (group?.Mean is { } mean)
                {
                    Assert.Equal(mean, points[i].GetProperty("mean").GetDouble(), 12);
                    Assert.Equal(group.Count, points[i].GetProperty("count").GetInt32());
                    Assert.Contains(string.Create(CultureInfo.InvariantCulture, $" {mean:0.00} (n={group.Count}) |"), md.Output.Split('\n').Single(l => l.StartsWith($"| {expected[i].Run.Id} |", StringComparison.Ordinal)));
                }
                else
                {
                    // A gap: no mean at all (never 0), no count.
                    Assert.False(points[i].TryGetProperty("mean", out _), $"run {expected[i].Run.Id}");
                    Assert.Equal(0, points[i].GetProperty("count").GetInt32());
                }
            }
        }
        // Run 4 of A (the fourth, index 1 of the last ten) has no Readability: "–" in its row, "·" in the sparkline.
        RunInfo gap = runs[3].Run;
        string[] row = md.Output.Split('\n').Single(l => l.StartsWith($"| {gap.Id} |", StringComparison.Ordinal)).Split(" | ");
        Assert.Equal("–", row[6].TrimEnd('|', ' '));                                 // | run | recorded | commit | LR | Fact | Conc | Read |
        string readability = md.Output.Split('\n').Single(l => l.StartsWith("| Readability |", StringComparison.Ordinal));
        Assert.Matches("^\\| Readability \\| [▁▂▃▄▅▆▇█]·[▁▂▃▄▅▆▇█]{8} \\|", readability);
        Assert.Contains($"{gap.Branch}@{gap.Commit![..7]}", md.Output);
        Assert.Contains("# FLASK trend: project A, the last 10 runs", md.Output);
    }

    [Fact]
    public async Task Trend_refuses_what_it_cannot_show_in_one_line_with_exit_code_2()
    {
        var (store, _) = Store();

        var none = await Cli.RunAsync(["trend", "--store", store, "--project", "C"]);
        var zero = await Cli.RunAsync(["trend", "--store", store, "--last", "0"]);
        var missing = await Cli.RunAsync(["trend", "--store", Path.Combine(_work, "nope.db")]);
        var baseline = await Cli.RunAsync(["trend", "--store", store, "--baseline", Path.Combine(_work, "nope.json")]);

        Assert.Equal((2, 2, 2, 2), (none.ExitCode, zero.ExitCode, missing.ExitCode, baseline.ExitCode));
        Assert.Contains($"No runs in {store} match project C;", none.Errors);
        Assert.Contains("--last must be at least 1, not 0.", zero.Errors);
        Assert.Contains("No run store at", missing.Errors);
        Assert.Contains("File not found:", baseline.Errors);
        Assert.All(new[] { none, zero, missing, baseline }, r => Assert.Single(r.Errors.Trim().Split('\n')));
    }

    /// <summary>Markup that would act if any of it reached the page as HTML.</summary>
    private const string Evil = "</text></svg><script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">";

    [Fact]
    public async Task Trend_html_renders_a_line_per_skill_with_the_baseline_and_gaps_and_hostile_store_text_stays_inert()
    {
        Chromium.SkipWhenMissing();
        var random = new Random(77);
        string path = Path.Combine(_work, "hostile.db");
        ScoredResponse[] first = [];
        using (RunStore store = RunStore.Open(path))
        {
            for (int n = 0; n < 30; n++)
            {
                ScoredResponse[] results = Run(random, 40, without: n % 7 == 3 ? "Factuality" : null);
                first = n == 0 ? results : first;
                RunInfo info = Info("P" + Evil, n, results, branch: "feature/" + Evil) with { Models = Evil, JudgeModels = Evil };
                store.Record(n % 5 == 4 ? info with { Commit = null } : info, results, TestContext.Current.CancellationToken);
            }
        }
        string baseline = Path.Combine(_work, "baseline.jsonl");
        await File.WriteAllLinesAsync(baseline, first.Select(ResultsJson.ToLine), TestContext.Current.CancellationToken);
        string page = Path.Combine(_work, "trend.html");

        var trend = await Cli.RunAsync(["trend", "--store", path, "--last", "30", "--baseline", baseline, "--format", "html", "--out", page]);
        Assert.True(trend.ExitCode == 0, trend.Errors);
        var (dom, log) = await Chromium.DumpDomAsync(page, _work);
        await Chromium.ScreenshotAsync(page, _work, "trend", height: 2400);

        Assert.Empty(Chromium.ConsoleMessages(log));
        Assert.Contains("<title>FLASK trend</title>", dom);
        Assert.DoesNotContain("<img", dom);
        Assert.DoesNotContain("<script", dom);
        Assert.Equal(4, Count(dom, "<svg class=\"trend\""));
        Assert.Equal(4, Count(dom, "<line class=\"baseline\""));
        // Factuality is missing from runs 4, 11, 18 and 25 (n % 7 == 3): four gaps, 26 points, a line broken in five pieces.
        string factuality = Regex.Match(dom, "<h2>Factuality</h2>(<svg.*?</svg>)", RegexOptions.Singleline).Groups[1].Value;
        Assert.Equal(4, Count(factuality, "<line class=\"gap\""));
        Assert.Equal(26, Count(factuality, "<circle class=\"point\""));
        Assert.Equal(5, Count(factuality, "<polyline class=\"line\""));
        // The axis: commits' short ids, and "run N" where no commit was recorded.
        Assert.Contains(">run 5</text>", dom);
        Assert.Matches(">[0-9a-f]{7}</text>", dom);
        Assert.Contains("feature/&lt;/text&gt;&lt;/svg&gt;&lt;script&gt;", dom);
    }

    [Fact]
    public async Task Compare_of_two_stored_runs_shows_each_moved_tests_score_history_and_hostile_ids_stay_inert()
    {
        Chromium.SkipWhenMissing();
        var random = new Random(9);
        string path = Path.Combine(_work, "compare.db");
        long before = 0, after = 0;
        using (RunStore store = RunStore.Open(path))
        {
            for (int n = 0; n < 8; n++)
            {
                ScoredResponse[] results = Run(random, 30, id: i => $"Case {i} {Evil}");
                long id = store.Record(Info("A", n, results), results, TestContext.Current.CancellationToken).Id;
                (before, after) = (after, id);
            }
        }
        string page = Path.Combine(_work, "compare.html");

        var compare = await Cli.RunAsync(["compare", before.ToString(CultureInfo.InvariantCulture), after.ToString(CultureInfo.InvariantCulture), "--store", path, "--format", "html", "--out", page]);
        Assert.True(compare.ExitCode == 0, compare.Errors);
        var (dom, log) = await Chromium.DumpDomAsync(page, _work);
        await Chromium.ScreenshotAsync(page, _work, "compare-history", height: 3000);

        Assert.Empty(Chromium.ConsoleMessages(log));
        Assert.Contains("<title>FLASK compare</title>", dom);
        Assert.DoesNotContain("<img", dom);
        Assert.DoesNotContain("<script", dom);
        int moved = Count(dom, "<td class=\"history\">");
        Assert.True(moved > 0, "the seed moves some scores");
        Assert.Equal(moved, Count(dom, "<td class=\"history\"><svg class=\"sparkline\""));
        Assert.Contains("History: each moved skill's score on its test in run 1 (2026-11-01) … run 8 (2026-11-01)", dom);
        // The file-to-file comparison has no store to draw from: no history column.
        using (RunStore store = RunStore.Open(path))
        {
            await File.WriteAllLinesAsync(Path.Combine(_work, "a.jsonl"), store.Results(before).Select(ResultsJson.ToLine), TestContext.Current.CancellationToken);
            await File.WriteAllLinesAsync(Path.Combine(_work, "b.jsonl"), store.Results(after).Select(ResultsJson.ToLine), TestContext.Current.CancellationToken);
        }
        var files = await Cli.RunAsync(["compare", Path.Combine(_work, "a.jsonl"), Path.Combine(_work, "b.jsonl"), "--format", "html"]);
        Assert.True(files.ExitCode == 0, files.Errors);
        Assert.DoesNotContain("<th>History</th>", files.Output);
    }

    [Fact]
    public async Task Report_of_a_stored_run_shows_each_responses_score_history_in_its_drill_down()
    {
        Chromium.SkipWhenMissing();
        var random = new Random(21);
        string path = Path.Combine(_work, "report.db");
        ScoredResponse[] last = [];
        using (RunStore store = RunStore.Open(path))
        {
            for (int n = 0; n < 6; n++)
            {
                last = Run(random, 12, without: n == 2 ? "Factuality" : null, id: i => $"Case {i} {Evil}");
                store.Record(Info("A", n, last), last, TestContext.Current.CancellationToken);
            }
        }
        string page = Path.Combine(_work, "report.html");

        var report = await Cli.RunAsync(["report", "--last", "1", "--store", path, "--format", "html", "--out", page]);
        Assert.True(report.ExitCode == 0, report.Errors);
        var (dom, log) = await Chromium.DumpDomAsync(page, _work);
        await Chromium.ScreenshotAsync(page, _work, "report-history", height: 2400);

        Assert.Empty(Chromium.ConsoleMessages(log));
        Assert.DoesNotContain("<img", dom);
        Assert.Equal(1, Count(dom, "<script>"));                                  // the report's own filter script only
        Assert.Contains("each skill's score on that test in the last 20 runs of its project up to it", dom);
        // Every skill row of every listed response (and of the five lowest) has its history; Factuality's has a gap at run 3.
        int skills = last.Sum(r => r.Skills.Count) + Regex.Matches(dom, "<details class=\"lowest\".*?</details>", RegexOptions.Singleline).Sum(m => Count(m.Value, "<td class=\"history\">"));
        Assert.Equal(skills, Count(dom, "<td class=\"history\"><svg class=\"sparkline\""));
        Assert.Matches("<title>[0-9a-f]{7}: [1-5]; [0-9a-f]{7}: [1-5–]; [0-9a-f]{7}: –; ", dom);
        // The run's own record on the page, not "Results file: run 6".
        Assert.DoesNotContain("<th>Results file</th>", dom);
        Assert.Matches("<th>Stored run</th><td>run 6 of <code>[^<]*report\\.db</code>: 12 results, recorded 2026-11-01 14:00 UTC; project A \\(test\\), main@[0-9a-f]{7}; data set [0-9a-f]{16}, rubrics –; recorded by test</td>", dom);
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
