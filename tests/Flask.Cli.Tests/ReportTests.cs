using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing.Analysis;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>flask report: FLASK's averaging, the three formats, and the HTML page in a real browser.</summary>
public sealed class ReportTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-report");

    public void Dispose() => _work.Dispose();

    /// <summary>Scored responses for FLASK's real instances (skills, domains, difficulty), with seeded scores, N/A and judge errors.</summary>
    private static List<ScoredResponse> Synthetic(int seed)
    {
        string shared = RepoPaths.SharedFlaskOrSkip();
        var random = new Random(seed);
        var (instances, _) = FlaskDatasetReader.ReadInstances(Path.Combine(shared, "evaluation_set", "flask_evaluation.jsonl"));
        return [.. instances.Select(i => new ScoredResponse
        {
            Id = i.Id,
            Model = $"model-{seed}",
            Instruction = i.Instruction,
            Domains = i.Domains,
            Difficulty = i.Difficulty,
            Skills = [.. i.Skills.Select(name => FlaskSkills.Get(name)).Select(skill => random.Next(20) switch
            {
                0 => new ScoredSkill(skill.Id, skill.Name, skill.Ability.Name, SkillScoreStatus.NotApplicable, null, null, true, "", null),
                1 => new ScoredSkill(skill.Id, skill.Name, skill.Ability.Name, SkillScoreStatus.JudgeError, null, null, false, "", "no score"),
                _ => new ScoredSkill(skill.Id, skill.Name, skill.Ability.Name, SkillScoreStatus.Scored, random.Next(1, 6), null, true, "", null),
            })],
        })];
    }

    [Fact]
    public void Averages_equal_FLASKs_own_per_skill_per_domain_and_per_difficulty_averaging()
    {
        List<ScoredResponse> responses = Synthetic(7);
        var analysis = new FlaskAnalysis("m", FlaskSkills.Catalog);
        responses.ForEach(analysis.Add);
        ModelAnalysis result = analysis.Result();

        // FLASK's way, written out plainly: lists of scores per key, N/A and errors skipped, then the mean of each list.
        var skill = new Dictionary<string, List<double>>();
        var domain = new Dictionary<string, List<double>>();
        var difficulty = new Dictionary<string, List<double>>();
        foreach (ScoredResponse r in responses)
        {
            foreach (ScoredSkill s in r.Skills.Where(s => s.Status == SkillScoreStatus.Scored))
            {
                Add(skill, s.Id, s.Score!.Value);
                foreach (string d in r.Domains)
                    Add(domain, d, s.Score!.Value);
                if (r.Difficulty is { } level)
                    Add(difficulty, level, s.Score!.Value);
            }
        }

        Assert.Equal(skill.OrderBy(k => k.Key).Select(k => (k.Key, k.Value.Average(), k.Value.Count)),
            result.Skills.OrderBy(g => g.Key).Select(g => (g.Key, g.Mean!.Value, g.Count)), Close);
        Assert.Equal(domain.OrderBy(k => k.Key).Select(k => (k.Key, k.Value.Average(), k.Value.Count)),
            result.Domains.OrderBy(g => g.Key).Select(g => (g.Key, g.Mean!.Value, g.Count)), Close);
        Assert.Equal(difficulty.OrderBy(k => k.Key).Select(k => (k.Key, k.Value.Average(), k.Value.Count)),
            result.Difficulties.Select(g => (g.Label[3..], g.Mean!.Value, g.Count)).OrderBy(t => t.Item1), Close);
        Assert.Equal(12, result.Skills.Count);
        Assert.Equal(10, result.Domains.Count);
        Assert.Equal(responses.Sum(r => r.Skills.Count(s => s.Status == SkillScoreStatus.NotApplicable)), result.NotApplicable);
        Assert.Equal(difficulty["expert level knowledge"].Average(), result.Difficulties.Single(d => d.Key == "5").Mean!.Value, 10);
        Assert.True(result.Hard.All(h => h.Count > 0));
    }

    private static void Add(Dictionary<string, List<double>> groups, string key, double score)
    {
        if (!groups.TryGetValue(key, out var list))
            groups[key] = list = [];
        list.Add(score);
    }

    private static readonly IEqualityComparer<(string, double, int)> Close = EqualityComparer<(string, double, int)>.Create(
        (a, b) => a.Item1 == b.Item1 && Math.Abs(a.Item2 - b.Item2) < 1e-9 && a.Item3 == b.Item3, x => x.Item1.GetHashCode());

    private string WriteRuns()
    {
        Directory.CreateDirectory(_work);
        List<ScoredResponse> first = Synthetic(1), second = Synthetic(2);
        first[0] = first[0] with { Response = "<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\"><b>bold?</b>", Skills = [.. first[0].Skills.Select(s => s with { Status = SkillScoreStatus.Scored, Score = 1 })] };
        File.WriteAllLines(Path.Combine(_work, "a.jsonl"), first.Select(ResultsJson.ToLine));
        File.WriteAllLines(Path.Combine(_work, "b.jsonl"), second.Select(ResultsJson.ToLine));
        return _work;
    }

    [Fact]
    public async Task Scores_for_skills_not_requested_are_counted_and_averaged_only_when_asked_FLASKs_way()
    {
        // Issue 10, point 6: one response whose judge also scored Completeness (not requested) and said N/A to Harmlessness.
        var scored = new ScoredResponse
        {
            Id = "1",
            Model = "m",
            Instruction = "Q",
            Difficulty = "expert level knowledge",
            Skills = [new ScoredSkill("Factuality", "Factuality", "Background Knowledge", SkillScoreStatus.Scored, 4, null, true, "", null)],
            Unrequested = [new UnrequestedScore("completeness score", SkillScoreStatus.Scored, 2, "judge", 1), new UnrequestedScore("harmlessness", SkillScoreStatus.NotApplicable, null, "judge", 1)],
        };
        Directory.CreateDirectory(_work);
        string run = Path.Combine(_work, "unrequested.jsonl");
        File.WriteAllLines(run, [ResultsJson.ToLine(scored)]);

        var counted = await Cli.RunAsync(["report", run, "--format", "json"]);
        var flaskWay = await Cli.RunAsync(["report", run, "--format", "json", "--include-unrequested"]);
        var markdown = await Cli.RunAsync(["report", run]);

        Assert.Equal((0, 0), (counted.ExitCode, flaskWay.ExitCode));
        using JsonDocument apart = JsonDocument.Parse(counted.Output), included = JsonDocument.Parse(flaskWay.Output);
        Assert.Equal(2, apart.RootElement[0].GetProperty("unrequested").GetInt32());
        Assert.Equal(["Factuality=4"], apart.RootElement[0].GetProperty("skills").EnumerateArray().Select(g => $"{g.GetProperty("key").GetString()}={g.GetProperty("mean").GetDouble()}"));
        Assert.Equal(["Factuality=4", "Completeness=2"], included.RootElement[0].GetProperty("skills").EnumerateArray().Select(g => $"{g.GetProperty("key").GetString()}={g.GetProperty("mean").GetDouble()}"));
        Assert.Equal(3, included.RootElement[0].GetProperty("difficulties")[0].GetProperty("mean").GetDouble());
        Assert.Contains("2 scores for skills not requested (left out of averages)", markdown.Output);
    }

    [Fact]
    public async Task Markdown_and_json_show_models_side_by_side()
    {
        WriteRuns();

        var md = await Cli.RunAsync(["report", Path.Combine(_work, "a.jsonl"), Path.Combine(_work, "b.jsonl"), "--format", "md"]);
        var json = await Cli.RunAsync(["report", Path.Combine(_work, "a.jsonl"), Path.Combine(_work, "b.jsonl"), "--format", "json"]);

        Assert.Equal(0, md.ExitCode);
        Assert.Contains("| | model-1 | model-2 |", md.Output);
        Assert.True(md.Output.IndexOf("| Logical Robustness |", StringComparison.Ordinal) < md.Output.IndexOf("| Harmlessness |", StringComparison.Ordinal),
            "skills in FLASK's order");
        foreach (string section in new[] { "## Skills", "## Abilities", "## Domains", "## Difficulty", "## Skill × difficulty", "## Expert level knowledge (difficulty 5)" })
            Assert.Contains(section, md.Output);
        using JsonDocument parsed = JsonDocument.Parse(json.Output);
        Assert.Equal(["model-1", "model-2"], parsed.RootElement.EnumerateArray().Select(m => m.GetProperty("model").GetString()));
        Assert.Equal(12, parsed.RootElement[0].GetProperty("skills").GetArrayLength());
        Assert.True(parsed.RootElement[0].GetProperty("skills")[0].GetProperty("low").GetDouble() < parsed.RootElement[0].GetProperty("skills")[0].GetProperty("mean").GetDouble());
    }

    [Fact]
    public async Task The_html_page_renders_its_charts_in_chromium_without_errors_and_shows_markup_in_responses_as_text()
    {
        Chromium.SkipWhenMissing();
        WriteRuns();
        string page = Path.Combine(_work, "report.html");
        var report = await Cli.RunAsync(["report", Path.Combine(_work, "a.jsonl"), Path.Combine(_work, "b.jsonl"), "--format", "html", "--out", page]);
        Assert.Equal(0, report.ExitCode);

        var (dom, log) = await Chromium.DumpDomAsync(page, _work);

        Assert.Contains("<title>FLASK report</title>", dom);                        // no script ran to change it
        Assert.Equal(2, CountOf(dom, "<polygon class=\"model\""));                  // one radar polygon per model
        Assert.True(CountOf(dom, "<rect class=\"bar\"") >= 2 * (10 + 5));          // bars per domain and difficulty, per model
        Assert.Contains("&lt;script&gt;document.title='pwned'&lt;/script&gt;&lt;img src=x", dom);
        Assert.DoesNotContain("<img src=\"x\"", dom);
        Assert.DoesNotContain("<b>bold?</b>", dom);
        Assert.DoesNotContain("Uncaught", log);
        Assert.DoesNotContain(":CONSOLE(", log);
        Assert.Empty(Chromium.ConsoleMessages(log));                             // today's Chromium logs ":CONSOLE:1]", not ":CONSOLE("
    }

    private static int CountOf(string text, string part) => text.Split(part).Length - 1;
}
