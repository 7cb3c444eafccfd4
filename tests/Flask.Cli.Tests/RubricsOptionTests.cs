using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing;
using Flask.Testing.Results;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// --rubrics on report, calibrate and annotate: a team's own skill (Policy Accuracy, in FLASK's Background Knowledge)
/// is known to each command as it is to bench, read with the same option and the generator's parser.
/// </summary>
public sealed class RubricsOptionTests : IDisposable
{
    private const string Criteria = "Does every statement match Contoso's published delivery and refund policy?";

    private readonly TempDirectory _work = new("flask-cli-rubrics-option");

    public void Dispose() => _work.Dispose();

    private string Rubrics()
    {
        string directory = Path.Combine(_work, "rubrics");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "policy-accuracy.yaml"),
            BenchRubricsTests.Rubric("PolicyAccuracy", "Policy Accuracy", Criteria, ability: "Background Knowledge"));
        return directory;
    }

    private static ScoredSkill Scored(string id, string name, string ability, double score) =>
        new(id, name, ability, SkillScoreStatus.Scored, score, null, true, "", null);

    /// <summary>Five judged responses, each on Factuality, Comprehension and the team's Policy Accuracy, scored 1 to 5.</summary>
    private string Results()
    {
        Directory.CreateDirectory(_work);
        string path = Path.Combine(_work, "results.jsonl");
        using ResultsFile file = ResultsFile.Open(path, append: false);
        for (int i = 1; i <= 5; i++)
        {
            file.Append(new ScoredResponse
            {
                Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Model = "m",
                Instruction = $"Question {i}",
                Skills =
                [
                    Scored("Factuality", "Factuality", "Background Knowledge", 4),
                    Scored("Comprehension", "Comprehension", "Problem Handling", 3),
                    Scored("PolicyAccuracy", "Policy Accuracy", "Background Knowledge", i),
                ],
            });
        }
        return path;
    }

    private static int Row(string markdown, string skill) =>
        Array.FindIndex(markdown.Split('\n'), line => line.StartsWith($"| {skill} |", StringComparison.Ordinal));

    [Fact]
    public async Task Report_with_rubrics_shows_a_custom_skill_among_its_abilitys_skills_in_the_catalogs_order()
    {
        string results = Results();

        var without = await Cli.RunAsync(["report", results]);
        var with = await Cli.RunAsync(["report", results, "--rubrics", Rubrics()]);

        Assert.Equal(0, without.ExitCode);
        Assert.Equal(0, with.ExitCode);
        // FLASK's 12 alone do not know it: it comes after every FLASK skill. The catalog files it under Background
        // Knowledge, before Problem Handling's Comprehension.
        Assert.True(Row(without.Output, "Policy Accuracy") > Row(without.Output, "Comprehension"), without.Output);
        Assert.True(Row(with.Output, "Factuality") < Row(with.Output, "Policy Accuracy"), with.Output);
        Assert.True(Row(with.Output, "Policy Accuracy") < Row(with.Output, "Comprehension"), with.Output);
        Assert.Matches(@"\| Policy Accuracy \| Background Knowledge \| 3\.00 ", with.Output);
    }

    [Fact]
    public async Task Report_with_a_missing_rubrics_folder_is_exit_2_with_one_line()
    {
        string results = Results();

        var run = await Cli.RunAsync(["report", results, "--rubrics", Path.Combine(_work, "nope")]);

        Assert.Equal(2, run.ExitCode);
        string line = Assert.Single(run.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("Rubrics directory not found", line);
    }

    [Fact]
    public async Task Calibrate_with_rubrics_pairs_human_scores_of_a_custom_skill()
    {
        string results = Results();
        string human = Path.Combine(_work, "human.jsonl");
        File.WriteAllLines(human, Enumerable.Range(1, 5).Select(i => $"{{\"id\": \"{i}\", \"skill\": \"Policy Accuracy\", \"score\": {i}}}"));

        var without = await Cli.RunAsync(["calibrate", "--judge", results, "--human", human]);
        var with = await Cli.RunAsync(["calibrate", "--judge", results, "--human", human, "--rubrics", Rubrics()]);

        Assert.Contains("unknown skill 'Policy Accuracy'", without.Errors);
        Assert.Equal(0, with.ExitCode);
        Assert.DoesNotContain("unknown skill", with.Errors);
        Assert.Contains("| Policy Accuracy | 5 | 1.000 | 1.000 | 1.000 |", with.Output);
    }

    [Fact]
    public async Task Annotate_with_rubrics_offers_the_custom_skill_and_labels_with_it()
    {
        Directory.CreateDirectory(_work);
        string input = Path.Combine(_work, "mine.jsonl");
        File.WriteAllLines(input, ["""{"idx": 1, "instruction": "Can I return a parcel after 40 days?"}"""]);
        await using var judge = await LoopbackJudge.StartAsync(call => call.SystemPrompt switch
        {
            // Chooses the skill the prompt numbers "Policy Accuracy", wherever the catalog put it.
            var s when s.Contains("selects the necessary skills") =>
                JudgeReply.Review($"[{Regex.Match(call.UserPrompt, @"\n(\d+)\. Policy Accuracy: ").Groups[1].Value}]"),
            var s when s.Contains("labeling the domain") => JudgeReply.Review("Social Science"),
            _ => JudgeReply.Review("Simple lifestyle knowledge"),
        });

        var run = await Cli.RunAsync(["annotate", "--dataset", input, "--out", Path.Combine(_work, "annotated.jsonl"), "--rubrics", Rubrics(),
            .. Cli.Judge(judge, Path.Combine(_work, "cache"))]);

        Assert.Equal(0, run.ExitCode);
        string prompt = judge.Calls[0].UserPrompt;
        Assert.Contains("You are given the following 13 skills.", prompt);
        Assert.Contains($"Policy Accuracy: {Criteria}", prompt);
        FlaskInstance annotated = FlaskDatasetReader.ReadInstances(Path.Combine(_work, "annotated.jsonl")).Instances.Single();
        Assert.Equal(["Policy Accuracy"], annotated.Skills);
    }
}
