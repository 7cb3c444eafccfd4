using System.Linq;
using Flask.Testing.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>FLASK100: a skill id that no rubric defines is a build error wherever a [SkillId] parameter or property takes it.</summary>
public sealed class UnknownSkillAnalyzerTests
{
    private static readonly TestRubric[] Rubrics =
    [
        new("/app/rubrics/logical-robustness.yaml", TestRubric.Valid("LogicalRobustness", ability: "Logical Thinking", name: "Logical Robustness")),
        new("/app/rubrics/brand-voice.yaml", TestRubric.Valid("BrandVoice")),
    ];

    // Stands in for the xUnit extension's [FlaskSkill]: any API marks its skill-id parameters the same way.
    private const string Api = """
        using Flask.Testing;

        [System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)]
        public sealed class SkillCheckAttribute([SkillId] string skill) : System.Attribute
        {
            public string Skill { get; } = skill;
            [SkillId] public string? Also { get; set; }
            public string? Note { get; set; }
        }

        public static class Judge
        {
            public static void Score([SkillId] string skill, string text) { }
        }

        """;

    private static Diagnostic[] Analyze(string code) => [.. GeneratorHarness.Analyze(Rubrics, Api + code)];

    private static (int Line, int Column) Position(Diagnostic diagnostic, string code)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        int apiLines = Api.Split('\n').Length - 1;
        return (start.Line - apiLines + 1, start.Character + 1);
    }

    [Fact]
    public void A_misspelt_id_in_an_attribute_is_FLASK100_with_the_closest_id()
    {
        const string code = """
            public class Tests
            {
                [SkillCheck("LogicalRobustnes")]
                public void Reasoning() { }
            }
            """;

        Diagnostic diagnostic = Assert.Single(Analyze(code));
        Assert.Equal("FLASK100", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal((3, 17), Position(diagnostic, code));
        Assert.Equal("No rubric in this compilation defines skill 'LogicalRobustnes'; did you mean 'LogicalRobustness'?", diagnostic.GetMessage());
    }

    [Fact]
    public void Ids_names_aliases_and_generated_constants_are_accepted()
    {
        const string code = """
            public class Tests
            {
                [SkillCheck("LogicalRobustness")]
                [SkillCheck("Logical Robustness")]
                [SkillCheck("logical_robustness")]
                [SkillCheck("brandvoice-alias")]
                [SkillCheck(Consumer.App.FlaskSkillIds.BrandVoice, Also = "BrandVoice", Note = "not a skill id")]
                public void Fine() => Judge.Score(Consumer.App.FlaskSkillIds.LogicalRobustness, "text");
            }
            """;

        Assert.Empty(Analyze(code));
    }

    [Fact]
    public void Named_attribute_properties_and_method_arguments_are_checked()
    {
        const string code = """
            public class Tests
            {
                [SkillCheck("BrandVoice", Also = "Factuality")]
                public void Attribute() { }

                public void Call()
                {
                    Judge.Score("Harmlesness", "text");
                    Consumer.App.FlaskSkills.Get("brand-vocie");
                }
            }
            """;

        string[] reported = [.. Analyze(code).Select(d => $"{Position(d, code)} {d.GetMessage()}").Order()];
        Assert.Equal(
        [
            "(3, 38) No rubric in this compilation defines skill 'Factuality'; known skills: BrandVoice, LogicalRobustness",
            "(8, 21) No rubric in this compilation defines skill 'Harmlesness'; known skills: BrandVoice, LogicalRobustness",
            "(9, 38) No rubric in this compilation defines skill 'brand-vocie'; did you mean 'BrandVoice'?",
        ], reported);
    }

    [Fact]
    public void Nothing_is_checked_while_a_rubric_is_broken()
    {
        // The broken rubric already fails the build (FLASK001); its skill must not also be called unknown.
        TestRubric[] rubrics = [.. Rubrics, new TestRubric("/app/rubrics/tone.yaml", "id: Tone\nname: [")];
        string code = Api + "public class T { [SkillCheck(\"Tone\")] public void M() { } }";

        Assert.Empty(GeneratorHarness.Analyze(rubrics, code));
    }
}
