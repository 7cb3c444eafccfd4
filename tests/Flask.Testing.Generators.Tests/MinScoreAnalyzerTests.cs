using System.Linq;
using Flask.Testing.Generators.Analyzers;
using Flask.Testing.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>FLASK101: a constant MinScore outside FLASK's 1 to 5 on [FlaskSkill] is a build error at the argument.</summary>
public sealed class MinScoreAnalyzerTests
{
    private static readonly TestRubric[] Rubrics = [new("/app/rubrics/brand-voice.yaml", TestRubric.Valid("BrandVoice"))];

    // The xUnit extension's attribute as the analyzer knows it: Flask.Testing.Xunit.FlaskSkillAttribute with MinScore.
    private const string Api = """
        namespace Flask.Testing.Xunit
        {
            [System.AttributeUsage(System.AttributeTargets.Method, AllowMultiple = true)]
            public sealed class FlaskSkillAttribute([Flask.Testing.SkillId] string skill) : System.Attribute
            {
                public string Skill { get; } = skill;
                public double MinScore { get; set; } = 3;
            }
        }

        namespace Other
        {
            public sealed class ScoreAttribute : System.Attribute
            {
                public double MinScore { get; set; }
            }
        }

        """;

    private static Diagnostic[] Analyze(string code)
    {
        // The code must compile, or the analyzer would see no attribute operations and the test would prove nothing.
        var (_, output) = GeneratorHarness.Run(Rubrics, Api + code);
        Assert.Empty(output.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error));
        return [.. GeneratorHarness.Analyze(Rubrics, Api + code, new MinScoreAnalyzer())];
    }

    private static (int Line, int Column) Position(Diagnostic diagnostic)
    {
        var start = diagnostic.Location.GetLineSpan().StartLinePosition;
        return (start.Line - (Api.Split('\n').Length - 1) + 1, start.Character + 1);
    }

    [Theory]
    [InlineData("0", "MinScore 0 is outside the FLASK score scale 1 to 5: every judged score would pass")]
    [InlineData("6", "MinScore 6 is outside the FLASK score scale 1 to 5: no score could ever pass")]
    [InlineData("0.5", "MinScore 0.5 is outside the FLASK score scale 1 to 5: every judged score would pass")]
    [InlineData("5.01", "MinScore 5.01 is outside the FLASK score scale 1 to 5: no score could ever pass")]
    [InlineData("-1", "MinScore -1 is outside the FLASK score scale 1 to 5: every judged score would pass")]
    [InlineData("double.NaN", "MinScore NaN is outside the FLASK score scale 1 to 5: no score could ever pass")]
    public void A_MinScore_outside_1_to_5_is_FLASK101_at_the_argument(string value, string message)
    {
        string code = $$"""
            public class Tests
            {
                [Flask.Testing.Xunit.FlaskSkill("BrandVoice", MinScore = {{value}})]
                public void Voice() { }
            }
            """;

        Diagnostic diagnostic = Assert.Single(Analyze(code));
        Assert.Equal("FLASK101", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal((3, 62), Position(diagnostic));
        Assert.Equal(message, diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void MinScores_from_1_to_5_and_other_attributes_are_accepted()
    {
        const string code = """
            public class Tests
            {
                private const double Strict = 4.5;

                [Flask.Testing.Xunit.FlaskSkill("BrandVoice")]
                [Flask.Testing.Xunit.FlaskSkill("BrandVoice", MinScore = 1)]
                [Flask.Testing.Xunit.FlaskSkill("BrandVoice", MinScore = 5)]
                [Flask.Testing.Xunit.FlaskSkill("BrandVoice", MinScore = Strict)]
                [Other.Score(MinScore = 0)]
                public void Voice() { }
            }
            """;

        Assert.Empty(Analyze(code));
    }

    [Fact]
    public void Every_out_of_range_MinScore_is_reported()
    {
        const string code = """
            public class Tests
            {
                [Flask.Testing.Xunit.FlaskSkill("BrandVoice", MinScore = 0)]
                [Flask.Testing.Xunit.FlaskSkill("BrandVoice", MinScore = 10)]
                public void Voice() { }
            }
            """;

        Assert.Equal([(3, 62), (4, 62)], Analyze(code).Select(Position).Order());
    }
}
