using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Packaging.Tests;

/// <summary>
/// A rubric library as a team makes and uses one: a project with <c>&lt;FlaskRubricLibrary&gt;true&lt;/FlaskRubricLibrary&gt;</c>,
/// a rubric and an evaluator set, packed with dotnet pack to a folder feed; a fresh consumer references it and gets the
/// library's skill and set typed, checked (FLASK100) and judged by the loopback judge; a second library with the same
/// skill id breaks the consumer's build with FLASK013.
/// </summary>
public sealed class RubricLibraryTests(PackedFeed feed) : System.IDisposable
{
    private readonly TempDirectory _work = new("flask-rubric-library");

    public void Dispose() => _work.Dispose();

    private string Libraries => Path.Combine(_work, "libraries");

    private string Consumer => Path.Combine(_work, "Consumer");

    [Fact]
    public async Task A_packed_rubric_library_gives_a_consumer_its_skills_and_sets_and_a_second_library_with_one_id_is_FLASK013()
    {
        // Both libraries packed at once: the machine's time goes to the consumer.
        feed.WriteNuGetConfig(_work, (Libraries, "Team.*"));
        await Task.WhenAll(
            PackLibraryAsync("Team.BrandRubrics", "brand-voice.yaml", "Brand Voice", withSet: true),
            PackLibraryAsync("Team.OtherRubrics", "voice.yaml", "Other Voice", withSet: false));

        string package = Path.Combine(Libraries, $"Team.BrandRubrics.{feed.Version}.nupkg");
        using (ZipArchive zip = ZipFile.OpenRead(package))
        {
            string[] entries = [.. zip.Entries.Select(e => e.FullName)];
            Assert.Contains("flask/rubrics/brand-voice.yaml", entries);
            Assert.Contains("flask/evaluators/brand-answer.yaml", entries);
            Assert.Contains("buildTransitive/Team.BrandRubrics.props", entries);
            Assert.DoesNotContain(entries, e => e.StartsWith("flask/rubrics/factuality", System.StringComparison.Ordinal)); // not the defaults
        }

        CreateConsumer();
        await using var judge = await LoopbackJudge.StartAsync(LoopbackJudge.ScoreAll(5));
        var test = await Shell.RunAsync(Consumer, "dotnet", ["test"], new Dictionary<string, string?>
        {
            ["FLASK_JUDGE_ENDPOINT"] = judge.BaseUrl.ToString(),
            ["FLASK_JUDGE_MODEL"] = "loopback-judge",
            ["FLASK_JUDGE_CACHE"] = "off",
        });

        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("succeeded: 6", test.Output);
        // Each way of judging, told apart by its answer's tag: the skills judged together, and how many calls it took.
        var calls = judge.Calls.GroupBy(c => Regex.Match(c.Response(), @"#(\w+)").Groups[1].Value)
            .ToDictionary(g => g.Key, g => g.Select(c => string.Join(" + ", c.SkillNames())).Order(System.StringComparer.Ordinal).ToArray());
        Assert.Equal(["Brand Voice + Conciseness"], calls["skill"]);            // [FlaskSkill("Brand Voice")], [FlaskSkill(Conciseness)]
        Assert.Equal(["Brand Voice + Factuality"], calls["attribute"]);         // [FlaskEvaluator(typeof(BrandAnswerEvaluator))]
        Assert.Equal(["Brand Voice + Factuality"], calls["direct"]);            // new BrandAnswerEvaluator().JudgeAsync
        Assert.Equal(["Brand Voice + Factuality"], calls["evaluator"]);         // the set as an MEAI IEvaluator
        Assert.Equal(["Brand Voice", "Factuality"], calls["composite"]);        // MEAI's CompositeEvaluator: one call per evaluator
        Assert.Equal(["Brand Voice + Factuality"], calls["of"]);                // FlaskEvaluator.Of: one call
        Assert.Equal(7, judge.RequestCount);
        Assert.Contains(judge.Calls, c => c.UserPrompt.Contains("Does the response sound like Team.BrandRubrics?", System.StringComparison.Ordinal));

        // A second library with the same skill id: the consumer's build stops at the second library's rubric.
        string project = File.ReadAllText(Path.Combine(Consumer, "Consumer.csproj"));
        File.WriteAllText(Path.Combine(Consumer, "Consumer.csproj"), project.Replace(
            "</ItemGroup>", $"""  <PackageReference Include="Team.OtherRubrics" Version="{feed.Version}" />""" + "\n  </ItemGroup>"));
        var conflict = await Shell.RunAsync(Consumer, "dotnet", ["build"]);

        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Matches(@"team\.otherrubrics[/\\][^/\\]+[/\\]flask[/\\]rubrics[/\\]voice\.yaml\(1,5\): error FLASK013: Skill id 'BrandVoice' of the rubric library Team\.OtherRubrics \(voice\.yaml\) is also defined by the rubric library Team\.BrandRubrics \(brand-voice\.yaml\); reference only one of the two packages", conflict.Output);
    }

    /// <summary>A rubric library project with one rubric (id BrandVoice) and optionally one evaluator set, packed to <see cref="Libraries"/>.</summary>
    private async Task PackLibraryAsync(string packageId, string rubricFile, string skillName, bool withSet)
    {
        string directory = Path.Combine(_work, packageId);
        Directory.CreateDirectory(Path.Combine(directory, "rubrics"));
        File.WriteAllText(Path.Combine(directory, $"{packageId}.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <FlaskRubricLibrary>true</FlaskRubricLibrary>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Flask.Testing" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "rubrics", rubricFile), $"""
            id: BrandVoice
            name: {skillName}
            ability: Brand
            criteria: Does the response sound like {packageId}?
            scoring:
              1: Not at all.
              2: Barely.
              3: Partly.
              4: Mostly.
              5: Fully.
            """);
        if (withSet)
        {
            Directory.CreateDirectory(Path.Combine(directory, "evaluators"));
            File.WriteAllText(Path.Combine(directory, "evaluators", "brand-answer.yaml"), """
                name: BrandAnswer
                description: An answer in the brand's voice.
                skills:
                  BrandVoice: 4
                  Factuality: 3
                """);
        }
        var pack = await Shell.RunAsync(directory, "dotnet", ["pack", "-c", "Release", "-o", Libraries, $"-p:Version={feed.Version}", "-nodeReuse:false", "--nologo"]);
        Assert.True(pack.ExitCode == 0, pack.Output);
    }

    private void CreateConsumer()
    {
        Directory.CreateDirectory(Consumer);
        File.WriteAllText(Path.Combine(Consumer, "global.json"), """{ "test": { "runner": "Microsoft.Testing.Platform" } }""");
        File.WriteAllText(Path.Combine(Consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <OutputType>Exe</OutputType>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="xunit.v3" Version="4.0.2" />
                <PackageReference Include="Flask.Testing" Version="{feed.Version}" />
                <PackageReference Include="Flask.Testing.Xunit" Version="{feed.Version}" />
                <PackageReference Include="Team.BrandRubrics" Version="{feed.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(Consumer, "BrandTests.cs"), """
            using System.Threading.Tasks;
            using Flask.Testing;
            using Flask.Testing.Xunit;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.AI.Evaluation;
            using Xunit;

            namespace Consumer;

            public sealed class BrandTests
            {
                private const string Question = "Where is my parcel?";

                [Fact]
                [FlaskSkill("Brand Voice", MinScore = 4)] // the library's skill by its name: FLASK100 knows it
                [FlaskSkill(FlaskSkillIds.Conciseness)]
                public Task Skill_attribute() => FlaskAssert.ScoresAsync(Question, "It arrives tomorrow. #skill");

                [Fact]
                [FlaskEvaluator(typeof(BrandAnswerEvaluator))]
                public Task Set_attribute() => FlaskAssert.ScoresAsync(Question, "It arrives tomorrow. #attribute");

                [Fact]
                public async Task Set_directly()
                {
                    BrandAnswerScores scores = await new BrandAnswerEvaluator().JudgeAsync(Question, "It arrives tomorrow. #direct", null, TestContext.Current.CancellationToken);

                    Assert.True(scores.Passed);
                    Assert.Equal(5d, scores.BrandVoice.Score);
                    Assert.Equal("BrandVoice", FlaskSkills.BrandVoice.Id);
                    Assert.Equal(4d, scores.BrandVoice.MinScore);
                }

                [Fact]
                public async Task Set_as_an_MEAI_evaluator()
                {
                    EvaluationResult result = await EvaluateAsync(new BrandAnswerEvaluator(), "#evaluator");

                    Assert.Equal(5d, result.Get<NumericMetric>(BrandAnswerEvaluator.BrandVoiceMetricName).Value);
                }

                [Fact]
                public async Task Composite_evaluator()
                {
                    EvaluationResult result = await EvaluateAsync(new CompositeEvaluator(new BrandVoiceEvaluator(), new FactualityEvaluator()), "#composite");

                    Assert.Equal(5d, result.Get<NumericMetric>(BrandVoiceEvaluator.BrandVoiceMetricName).Value);
                }

                [Fact]
                public async Task FlaskEvaluator_Of()
                {
                    EvaluationResult result = await EvaluateAsync(FlaskEvaluator.Of(new BrandVoiceEvaluator(), new FactualityEvaluator()), "#of");

                    Assert.Equal(5d, result.Get<NumericMetric>(FactualityEvaluator.FactualityMetricName).Value);
                }

                private static ValueTask<EvaluationResult> EvaluateAsync(IEvaluator evaluator, string tag) =>
                    evaluator.EvaluateAsync(
                        [new ChatMessage(ChatRole.User, Question)],
                        new ChatResponse(new ChatMessage(ChatRole.Assistant, "It arrives tomorrow. " + tag)),
                        new ChatConfiguration(FlaskJudgeClient.Create(FlaskJudgeSettings.FromEnvironment())),
                        cancellationToken: TestContext.Current.CancellationToken);
            }
            """);
    }
}
