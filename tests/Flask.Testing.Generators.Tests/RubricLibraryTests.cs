using System;
using System.IO;
using System.Linq;
using Flask.Testing.Generators.Tests.Infrastructure;
using Flask.Testing.TestKit;
using Microsoft.CodeAnalysis;
using Snapshooter.Xunit3;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>
/// Rubrics and evaluator sets of rubric libraries (files a package adds with <c>FlaskRubricSource=&lt;PackageId&gt;</c>):
/// they generate in the consuming project like its own, the project's rubric replaces a library's, a library's replaces
/// a default, and two libraries with one skill id are a located error.
/// </summary>
public sealed class RubricLibraryTests
{
    private const string Acme = "Acme.BrandRubrics";
    private const string Other = "Other.Rubrics";
    private const string AcmeRubric = "/home/u/.nuget/packages/acme.brandrubrics/1.0.0/flask/rubrics/brand-voice.yaml";
    private const string OtherRubric = "/home/u/.nuget/packages/other.rubrics/2.0.0/flask/rubrics/voice.yaml";
    private const string ProjectRubric = "/app/rubrics/brand-voice.yaml";

    private const string BrandAnswer = """
        name: BrandAnswer
        description: An answer in the brand's voice.
        skills:
          BrandVoice: 4
          Factuality: 3

        """;

    private static TestRubric[] FlaskRubrics() => [.. Directory.GetFiles(RepoPaths.Rubrics, "*.yaml").Order(StringComparer.Ordinal)
        .Select(p => new TestRubric(p, File.ReadAllText(p), IsDefault: true))];

    private static TestRubric Library(string path, string text, string source = Acme) => new(path, text, Source: source);

    private static string Source(GeneratorRunResult result, string hintName) =>
        result.GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    private static void AssertSingle(GeneratorRunResult result, string id, string path, int line, int column, string messagePart)
    {
        Diagnostic diagnostic = Assert.Single(result.Diagnostics, d => d.Id == id);
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        Assert.Equal((path, line, column), (span.Path, span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        Assert.Contains(messagePart, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_library_rubric_generates_typed_in_the_consuming_project_as_snapshotted()
    {
        const string usage = """
            namespace Consumer.App;

            public static class Usage
            {
                public static string Id() => FlaskSkills.BrandVoice.Id;
                public static string Constant() => FlaskSkillIds.BrandVoice;
                public static string Metric() => BrandVoiceEvaluator.BrandVoiceMetricName;
            }
            """;
        var (result, output) = GeneratorHarness.Run([.. FlaskRubrics(), Library(AcmeRubric, TestRubric.Valid("BrandVoice", ability: "Brand", name: "Brand Voice"))], usage);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        Snapshot.Match(Source(result, "BrandVoiceEvaluator.g.cs"));
        Assert.Contains("/// <remarks>From the rubric <c>brand-voice.yaml</c> of the rubric library <c>Acme.BrandRubrics</c>.</remarks>", Source(result, "FlaskSkills.g.cs"));
    }

    [Fact]
    public void A_project_rubric_replaces_a_library_one_with_FLASK008_info()
    {
        var (result, output) = GeneratorHarness.Run([
            Library(AcmeRubric, TestRubric.Valid("BrandVoice", name: "Library Voice")),
            new TestRubric(ProjectRubric, TestRubric.Valid("BrandVoice", name: "Our Voice"))]);

        AssertSingle(result, "FLASK008", ProjectRubric, 1, 5,
            "Skill 'BrandVoice' from brand-voice.yaml replaces the rubric brand-voice.yaml of the rubric library Acme.BrandRubrics");
        Assert.Equal(DiagnosticSeverity.Info, Assert.Single(result.Diagnostics).Severity);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        string catalog = Source(result, "FlaskSkills.g.cs");
        Assert.Contains("name: \"Our Voice\"", catalog);
        Assert.DoesNotContain("Library Voice", catalog);
    }

    [Fact]
    public void A_library_rubric_replaces_a_default_one_with_FLASK008_info_naming_the_library()
    {
        string factuality = TestRubric.Valid("Factuality", ability: "Background Knowledge", name: "Strict Factuality");
        var (result, output) = GeneratorHarness.Run([.. FlaskRubrics(), Library("/home/u/.nuget/packages/acme.brandrubrics/1.0.0/flask/rubrics/strict.yaml", factuality)]);

        AssertSingle(result, "FLASK008", "/home/u/.nuget/packages/acme.brandrubrics/1.0.0/flask/rubrics/strict.yaml", 1, 5,
            "Skill 'Factuality' from strict.yaml of the rubric library Acme.BrandRubrics replaces the default FLASK rubric factuality.yaml");
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        Assert.Contains("name: \"Strict Factuality\"", Source(result, "FlaskSkills.g.cs"));
    }

    [Fact]
    public void Two_libraries_with_one_skill_id_are_FLASK013_at_the_second_naming_both()
    {
        var (result, _) = GeneratorHarness.Run([
            Library(OtherRubric, TestRubric.Valid("brand_voice", name: "Other Voice"), Other),
            Library(AcmeRubric, TestRubric.Valid("BrandVoice"))]);

        AssertSingle(result, "FLASK013", OtherRubric, 1, 5,
            "Skill id 'brand_voice' of the rubric library Other.Rubrics (voice.yaml) is also defined by the rubric library Acme.BrandRubrics (brand-voice.yaml); " +
            "reference only one of the two packages, or add a rubric with this id to the project, which replaces both");
        Assert.Equal(DiagnosticSeverity.Error, result.Diagnostics.Single(d => d.Id == "FLASK013").Severity);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "FLASK006");
    }

    [Fact]
    public void A_project_rubric_settles_two_libraries_with_one_skill_id()
    {
        var (result, output) = GeneratorHarness.Run([
            Library(OtherRubric, TestRubric.Valid("BrandVoice", name: "Other Voice"), Other),
            Library(AcmeRubric, TestRubric.Valid("BrandVoice", name: "Library Voice")),
            new TestRubric(ProjectRubric, TestRubric.Valid("BrandVoice", name: "Our Voice"))]);

        Assert.Equal(["FLASK008", "FLASK008"], result.Diagnostics.Select(d => d.Id));
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        Assert.Contains("name: \"Our Voice\"", Source(result, "FlaskSkills.g.cs"));
    }

    [Fact]
    public void One_library_defining_an_id_twice_is_FLASK006_naming_the_library()
    {
        const string second = "/home/u/.nuget/packages/acme.brandrubrics/1.0.0/flask/rubrics/voice.yaml";
        var (result, _) = GeneratorHarness.Run([Library(AcmeRubric, TestRubric.Valid("BrandVoice")), Library(second, TestRubric.Valid("BrandVoice"))]);

        AssertSingle(result, "FLASK006", second, 1, 5, "Skill id 'BrandVoice' is also defined in brand-voice.yaml of the rubric library Acme.BrandRubrics");
    }

    [Fact]
    public void A_library_evaluator_set_generates_in_the_consuming_project_as_snapshotted()
    {
        const string usage = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI.Evaluation;

            namespace Consumer.App;

            public static class Usage
            {
                public static async Task<double?> Direct(CancellationToken ct) =>
                    (await new BrandAnswerEvaluator().JudgeAsync("q", "a", null, ct)).BrandVoice.Score;

                public static IEvaluator AsEvaluator() => new CompositeEvaluator(new BrandAnswerEvaluator());
            }
            """;
        var (result, output) = GeneratorHarness.Run([
            .. FlaskRubrics(),
            Library(AcmeRubric, TestRubric.Valid("BrandVoice", ability: "Brand", name: "Brand Voice")),
            TestRubric.Set("/home/u/.nuget/packages/acme.brandrubrics/1.0.0/flask/evaluators/brand-answer.yaml", BrandAnswer) with { Source = Acme }], usage);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        Snapshot.Match(Source(result, "BrandAnswer.EvaluatorSet.g.cs"));
    }

    [Fact]
    public void A_library_evaluator_set_uses_the_projects_rubric_that_replaces_the_librarys()
    {
        var (result, _) = GeneratorHarness.Run([
            .. FlaskRubrics(),
            Library(AcmeRubric, TestRubric.Valid("BrandVoice", name: "Library Voice")),
            new TestRubric(ProjectRubric, TestRubric.Valid("BrandVoice", name: "Our Voice")),
            TestRubric.Set("/home/u/.nuget/packages/acme.brandrubrics/1.0.0/flask/evaluators/brand-answer.yaml", BrandAnswer) with { Source = Acme }]);

        Assert.Equal(["FLASK008"], result.Diagnostics.Select(d => d.Id));
        Assert.Contains("BrandVoiceMetricName = \"Our Voice\"", Source(result, "BrandAnswer.EvaluatorSet.g.cs"));
    }

    [Fact]
    public void Two_libraries_with_one_evaluator_set_name_are_FLASK024_naming_the_first_library()
    {
        const string second = "/home/u/.nuget/packages/other.rubrics/2.0.0/flask/evaluators/brand-answer.yaml";
        var (result, _) = GeneratorHarness.Run([
            .. FlaskRubrics(),
            Library(AcmeRubric, TestRubric.Valid("BrandVoice")),
            TestRubric.Set("/home/u/.nuget/packages/acme.brandrubrics/1.0.0/flask/evaluators/brand-answer.yaml", BrandAnswer) with { Source = Acme },
            TestRubric.Set(second, BrandAnswer) with { Source = Other }]);

        AssertSingle(result, "FLASK024", second, 1, 7, "'BrandAnswer' is also the name of the evaluator set in brand-answer.yaml of the rubric library Acme.BrandRubrics");
    }

    [Fact]
    public void FLASK100_knows_a_library_skill_and_suggests_it()
    {
        const string code = """
            public class Tests
            {
                [Flask.Testing.Xunit.Fake("BrandVoice")]
                public void Known() { }

                [Flask.Testing.Xunit.Fake("BrandVoise")]
                public void Misspelt() { }
            }

            namespace Flask.Testing.Xunit
            {
                [System.AttributeUsage(System.AttributeTargets.Method)]
                public sealed class FakeAttribute([Flask.Testing.SkillId] string skill) : System.Attribute
                {
                    public string Skill { get; } = skill;
                }
            }
            """;

        Diagnostic diagnostic = Assert.Single(GeneratorHarness.Analyze([Library(AcmeRubric, TestRubric.Valid("BrandVoice"))], code));

        Assert.Equal("FLASK100", diagnostic.Id);
        Assert.Equal(5, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("'BrandVoise'; did you mean 'BrandVoice'?", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
