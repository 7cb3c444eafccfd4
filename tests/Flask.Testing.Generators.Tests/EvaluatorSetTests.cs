using System;
using System.IO;
using System.Linq;
using Flask.Testing.Generators.Tests.Infrastructure;
using Flask.Testing.TestKit;
using Microsoft.CodeAnalysis;
using Snapshooter.Xunit3;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>Evaluator set files: what they generate, and every way they can be wrong, located (1-based line and column).</summary>
public sealed class EvaluatorSetTests
{
    private const string Path = "/app/evaluators/support-answer.yaml";

    private const string SupportAnswer = """
        name: SupportAnswer
        description: A support assistant's answer to a customer.
        requiresReference: true
        skills:
          Factuality: 4
          comprehension: 3
          Conciseness: 3.5

        """;

    private static TestRubric[] FlaskRubrics() => [.. Directory.GetFiles(RepoPaths.Rubrics, "*.yaml").Order(StringComparer.Ordinal)
        .Select(p => new TestRubric(p, File.ReadAllText(p), IsDefault: true))];

    private static Diagnostic[] Diagnose(string yaml, params TestRubric[] others)
    {
        var (result, _) = GeneratorHarness.Run([.. FlaskRubrics(), TestRubric.Set(Path, yaml), .. others]);
        return [.. result.Diagnostics];
    }

    private static void AssertSingle(Diagnostic[] diagnostics, string id, int line, int column, string messagePart, string path = Path) =>
        LocatedDiagnostic.AssertSingle(diagnostics, id, line, column, messagePart, path);

    [Fact]
    public void A_set_generates_a_sealed_evaluator_and_typed_scores_as_snapshotted()
    {
        var (result, _) = GeneratorHarness.Run([.. FlaskRubrics(), TestRubric.Set(Path, SupportAnswer)]);

        Assert.Empty(result.Diagnostics);
        Snapshot.Match(result.GeneratedSources.Single(s => s.HintName == "SupportAnswer.EvaluatorSet.g.cs").SourceText.ToString());
    }

    [Fact]
    public void Generated_set_code_compiles_without_warnings_and_is_usable_in_all_its_ways()
    {
        const string usage = """
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.AI.Evaluation;

            namespace Consumer.App;

            public static class Usage
            {
                public static async Task<double?> Direct(CancellationToken ct)
                {
                    SupportAnswerScores scores = await new SupportAnswerEvaluator().JudgeAsync("q", "a", "r", ct);
                    return scores.Passed ? scores.Factuality.Score : scores.Conciseness.MinScore;
                }

                public static IEvaluator AsEvaluator() => new CompositeEvaluator(new SupportAnswerEvaluator(), new ReadabilityEvaluator());

                public static string[] Names() => [SupportAnswerEvaluator.SetName, SupportAnswerEvaluator.FactualityMetricName, ReadabilityEvaluator.ReadabilityMetricName];
            }
            """;
        var (result, output) = GeneratorHarness.Run([.. FlaskRubrics(), TestRubric.Set(Path, SupportAnswer)], usage);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        INamedTypeSymbol evaluator = output.GetTypeByMetadataName("Consumer.App.SupportAnswerEvaluator")!;
        Assert.True(evaluator.IsSealed);
        Assert.True(output.GetTypeByMetadataName("Consumer.App.SupportAnswerScores")!.IsSealed);
        Assert.True(output.GetTypeByMetadataName("Consumer.App.FactualityEvaluator")!.IsSealed);
    }

    [Fact]
    public void A_file_named_evaluator_yaml_is_a_set_without_metadata_and_never_a_rubric()
    {
        var text = new TestRubric("/app/support.evaluator.yaml", SupportAnswer); // marked FlaskRubric, as a rubrics/**/*.yaml item would be
        var (result, _) = GeneratorHarness.Run([.. FlaskRubrics(), text]);

        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.GeneratedSources, s => s.HintName == "SupportAnswer.EvaluatorSet.g.cs");
    }

    [Fact]
    public void An_unknown_skill_is_FLASK022_at_the_skill_with_a_suggestion() =>
        AssertSingle(Diagnose(SupportAnswer.Replace("Factuality: 4", "Factualty: 4")), "FLASK022", 5, 3,
            "Evaluator set 'SupportAnswer' names no skill of this project's rubrics: 'Factualty'; did you mean 'Factuality'?");

    [Fact]
    public void An_unknown_skill_is_not_reported_while_a_rubric_is_broken()
    {
        Diagnostic[] diagnostics = Diagnose(SupportAnswer.Replace("Factuality: 4", "BrandVoice: 4"),
            new TestRubric("/app/rubrics/brand-voice.yaml", TestRubric.Valid("BrandVoice").Replace("criteria:", "criterion:")));

        Assert.Contains(diagnostics, d => d.Id == "FLASK002");
        Assert.DoesNotContain(diagnostics, d => d.Id == "FLASK022");
    }

    [Theory]
    [InlineData("Factuality: 6", "'Factuality' must be a number from 1 to 5, not '6'")]
    [InlineData("Factuality: 0.5", "not '0.5'")]
    [InlineData("Factuality: high", "not 'high'")]
    [InlineData("Factuality:", "not ''")]
    [InlineData("Factuality: [4]", "not 'list'")]
    public void A_minimum_outside_1_to_5_is_FLASK023_at_the_value(string line, string message) =>
        AssertSingle(Diagnose(SupportAnswer.Replace("Factuality: 4", line)), "FLASK023", 5, line == "Factuality:" ? 14 : 15, message);

    [Fact]
    public void A_skill_listed_twice_by_another_name_is_FLASK024() =>
        AssertSingle(Diagnose(SupportAnswer.Replace("Conciseness: 3.5", "Conciseness: 3.5\n  factual accuracy: 3")), "FLASK024", 8, 3,
            "'factual accuracy' names the skill Factuality, which the evaluator set SupportAnswer already lists");

    [Fact]
    public void Two_sets_with_one_name_are_FLASK024_at_the_second() =>
        AssertSingle(Diagnose(SupportAnswer, TestRubric.Set("/app/evaluators/z-again.yaml", SupportAnswer)), "FLASK024", 1, 7,
            "'SupportAnswer' is also the name of the evaluator set in support-answer.yaml", path: "/app/evaluators/z-again.yaml");

    [Fact]
    public void A_set_named_as_a_skill_is_FLASK024() =>
        AssertSingle(Diagnose(SupportAnswer.Replace("name: SupportAnswer", "name: Factuality")), "FLASK024", 1, 7,
            "is also the id of the skill in factuality.yaml; both would generate FactualityEvaluator");

    [Theory]
    [InlineData("name: Support Answer", 1, 7, "the name 'Support Answer' is not a valid C# identifier")]
    [InlineData("name: class", 1, 7, "the name 'class' is a C# keyword")]
    [InlineData("requiresReference: yes", 3, 20, "'requiresReference' must be true or false")]
    [InlineData("skills: Factuality", 4, 9, "must map 1 to 12 skills to their minimum scores (e.g. Factuality: 4), not a text")]
    [InlineData("name: [SupportAnswer]", 1, 7, "'name' must be a text, not a list")]
    public void A_malformed_field_is_FLASK020_at_its_value(string replacement, int line, int column, string message)
    {
        string field = replacement[..replacement.IndexOf(':')];
        string yaml = string.Join('\n', SupportAnswer.Split('\n').Select(l => l.StartsWith(field + ":", StringComparison.Ordinal) ? replacement : l));
        if (field == "skills")
            yaml = yaml.Replace("  Factuality: 4\n  comprehension: 3\n  Conciseness: 3.5\n", string.Empty);
        AssertSingle(Diagnose(yaml), "FLASK020", line, column, message);
    }

    [Fact]
    public void Missing_name_and_skills_are_FLASK020_at_the_start() =>
        Assert.Equal(2, Diagnose("description: nothing else\n").Count(d => d.Id == "FLASK020" && d.Location.GetLineSpan().StartLinePosition.Line == 0));

    [Fact]
    public void Thirteen_skills_are_FLASK020()
    {
        string skills = string.Join('\n', FlaskRubrics().Select((r, i) => $"  {System.IO.Path.GetFileNameWithoutExtension(r.Path).Replace("_", string.Empty)}: 3"));
        AssertSingle(Diagnose($"name: All\nskills:\n{skills}\n  extra: 3\n"), "FLASK020", 3, 3, "not 13 skills");
    }

    [Fact]
    public void Broken_yaml_is_FLASK020_at_the_line() =>
        AssertSingle(Diagnose(SupportAnswer.Replace("Factuality: 4", "Factuality: [4")), "FLASK020", 6, 3, "the YAML cannot be read from here on");

    [Fact]
    public void An_unknown_field_is_a_FLASK021_warning_with_a_suggestion()
    {
        Diagnostic[] diagnostics = Diagnose(SupportAnswer.Replace("requiresReference: true", "requireReference: true"));

        AssertSingle(diagnostics, "FLASK021", 3, 1, "Unknown evaluator set field 'requireReference'; did you mean 'requiresReference'?");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics.Single(d => d.Id == "FLASK021").Severity);
    }
}

/// <summary>The evaluator set section of docs/rubrics.md is true: its YAML is a valid set and its C# compiles against what it generates.</summary>
public sealed class EvaluatorSetDocsTests
{
    [Fact]
    public void The_docs_evaluator_set_and_its_csharp_compile_without_diagnostics()
    {
        string docs = File.ReadAllText(System.IO.Path.Combine(RepoPaths.Root, "docs", "rubrics.md")).Replace("\r\n", "\n");
        int start = docs.IndexOf("\n## Evaluator sets\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/rubrics.md has no '## Evaluator sets' section");
        int end = docs.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = end < 0 ? docs[start..] : docs[start..end];
        string yaml = Block(section, "yaml").Single();
        string[] csharp = [.. Block(section, "csharp").Select(code => "using Consumer.App;\n" + code)];
        Assert.NotEmpty(csharp);
        TestRubric[] rubrics = [.. Directory.GetFiles(RepoPaths.Rubrics, "*.yaml").Order(StringComparer.Ordinal)
            .Select(p => new TestRubric(p, File.ReadAllText(p), IsDefault: true))];

        var (result, output) = GeneratorHarness.Run([.. rubrics, TestRubric.Set("/app/evaluators/support-answer.yaml", yaml)], csharp.Single());

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
    }

    private static System.Collections.Generic.IEnumerable<string> Block(string markdown, string language)
    {
        string fence = $"```{language}\n";
        for (int at = markdown.IndexOf(fence, StringComparison.Ordinal); at >= 0; at = markdown.IndexOf(fence, at, StringComparison.Ordinal))
        {
            int close = markdown.IndexOf("\n```", at + fence.Length, StringComparison.Ordinal);
            yield return markdown[(at + fence.Length)..(close + 1)];
            at = close + 4;
        }
    }
}
