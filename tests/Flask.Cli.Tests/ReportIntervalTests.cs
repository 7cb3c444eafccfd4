using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Flask.Testing.Analysis;
using Flask.Testing;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// Issue 15: intervals shown honestly in every rendering — none ("–", null) for fewer than two scores, and never outside
/// the 1–5 scale (Student's t over two scores is ±12.71 standard errors).
/// </summary>
public sealed class ReportIntervalTests : IDisposable
{
    private readonly TempDirectory _work = new("flask-cli-interval");

    public void Dispose() => _work.Dispose();

    private static ScoredResponse Result(string id, string skill, double score) => new()
    {
        Id = id,
        Model = "m",
        Instruction = $"Question {id}",
        Difficulty = "expert level knowledge",
        Skills = [new ScoredSkill(skill, skill, "Background Knowledge", SkillScoreStatus.Scored, score, null, true, "", null)],
    };

    [Fact]
    public async Task One_score_has_no_interval_and_two_far_apart_are_clipped_to_the_scale_in_markdown_and_json()
    {
        // Factuality: one score (n = 1); Completeness: 1 and 5 (n = 2, t's interval 3 ± 25.4).
        Directory.CreateDirectory(_work);
        string run = Path.Combine(_work, "run.jsonl");
        File.WriteAllLines(run, [ResultsJson.ToLine(Result("1", "Factuality", 4)), ResultsJson.ToLine(Result("2", "Completeness", 1)), ResultsJson.ToLine(Result("3", "Completeness", 5))]);

        var md = await Cli.RunAsync(["report", run, "--format", "md"]);
        var json = await Cli.RunAsync(["report", run, "--format", "json"]);

        Assert.Equal((0, 0), (md.ExitCode, json.ExitCode));
        Assert.Contains("| Factuality | 4.00 – (n=1) |", md.Output);
        Assert.Contains("| Completeness | 3.00 [1.00, 5.00] (n=2) |", md.Output);
        Assert.DoesNotContain("±", md.Output);
        using JsonDocument parsed = JsonDocument.Parse(json.Output);
        JsonElement[] skills = [.. parsed.RootElement[0].GetProperty("skills").EnumerateArray()];
        Assert.False(skills[0].TryGetProperty("low", out _), "no interval for one score");
        Assert.False(skills[0].TryGetProperty("high", out _), "no interval for one score");
        Assert.Equal((1.0, 5.0), (skills[1].GetProperty("low").GetDouble(), skills[1].GetProperty("high").GetDouble()));
    }

    [Fact]
    public void Every_interval_lies_within_the_scale_and_contains_its_mean_for_generated_groups()
    {
        var random = new Random(15);
        for (int round = 0; round < 500; round++)
        {
            var analysis = new FlaskAnalysis("m", FlaskSkills.Catalog);
            int count = random.Next(1, 8);
            for (int i = 0; i < count; i++)
                analysis.Add(Result(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "Factuality", random.Next(1, 6) + (random.Next(3) == 0 ? 0.5 : 0) is var s && s > 5 ? 5 : s));
            GroupScore group = analysis.Result().Skills.Single();
            if (count < 2)
            {
                Assert.Null(group.Low);
                Assert.Null(group.High);
                Assert.Equal("–", group.IntervalText());
                continue;
            }
            Assert.InRange(group.Low!.Value, ScoringRubric.MinScore, group.Mean!.Value);
            Assert.InRange(group.High!.Value, group.Mean!.Value, ScoringRubric.MaxScore);
        }
    }
}
