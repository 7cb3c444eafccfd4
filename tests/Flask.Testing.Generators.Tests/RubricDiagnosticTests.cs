using System.Linq;
using Flask.Testing.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>Every way a rubric can be wrong gives its FLASK diagnostic at the exact file, line and column (1-based, as the IDE shows them).</summary>
public sealed class RubricDiagnosticTests
{
    private const string Path = "/app/rubrics/brand-voice.yaml";

    private static Diagnostic[] Diagnose(string yaml, params TestRubric[] others)
    {
        var (result, _) = GeneratorHarness.Run([new TestRubric(Path, yaml), .. others]);
        return [.. result.Diagnostics];
    }

    private static void AssertSingle(Diagnostic[] diagnostics, string id, int line, int column, string messagePart, string path = Path) =>
        LocatedDiagnostic.AssertSingle(diagnostics, id, line, column, messagePart, path);

    [Fact]
    public void Yaml_syntax_error_is_FLASK001_at_the_broken_line()
    {
        string yaml = TestRubric.Valid("BrandVoice").Replace("aliases: [brandvoice-alias]", "aliases: [brandvoice-alias");

        AssertSingle(Diagnose(yaml), "FLASK001", 5, 1, "cannot be read from here on");
    }

    [Fact]
    public void Unclosed_list_is_FLASK001_at_the_line()
    {
        string yaml = TestRubric.Valid("BrandVoice").Replace("scoring:", "scoring: [a, b");

        AssertSingle(Diagnose(yaml), "FLASK001", 7, 4, "did not find expected ',' or ']'");
    }

    [Fact]
    public void Unterminated_quote_is_FLASK001()
    {
        string yaml = TestRubric.Valid("BrandVoice").Replace("name: BrandVoice", "name: \"Brand Voice");

        Assert.Contains(Diagnose(yaml), d => d.Id == "FLASK001" && d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Duplicate_key_is_FLASK001_at_the_second_key()
    {
        string yaml = TestRubric.Valid("BrandVoice") + "name: Again\n";

        AssertSingle(Diagnose(yaml), "FLASK001", 12, 1, "Duplicate key");
    }

    [Fact]
    public void Missing_field_is_FLASK002_at_the_start_of_the_rubric()
    {
        string yaml = TestRubric.Valid("BrandVoice").Replace("criteria: Does the response do what BrandVoice asks?\n", "");

        AssertSingle(Diagnose(yaml), "FLASK002", 1, 1, "'criteria' is required");
    }

    [Fact]
    public void Empty_field_is_FLASK002_at_its_key()
    {
        string yaml = TestRubric.Valid("BrandVoice").Replace("ability: User Alignment", "ability: \"  \"");

        AssertSingle(Diagnose(yaml), "FLASK002", 3, 1, "'ability' is required and must not be empty");
    }

    [Fact]
    public void Unknown_field_is_a_FLASK003_warning_with_a_suggestion()
    {
        string yaml = TestRubric.Valid("BrandVoice") + "critera: typo\n";

        Diagnostic[] diagnostics = Diagnose(yaml);
        AssertSingle(diagnostics, "FLASK003", 12, 1, "did you mean 'criteria'?");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostics.Single().Severity);
    }

    [Fact]
    public void Unknown_field_far_from_any_lists_the_known_fields()
    {
        AssertSingle(Diagnose(TestRubric.Valid("BrandVoice") + "weight: 3\n"), "FLASK003", 12, 1, "known fields are id, name, ability");
    }

    [Fact]
    public void Missing_scoring_level_is_FLASK004_at_scoring()
    {
        string yaml = TestRubric.Valid("BrandVoice").Replace("  3: Partly.\n", "");

        AssertSingle(Diagnose(yaml), "FLASK004", 6, 1, "level 3 missing");
    }

    [Fact]
    public void Extra_scoring_level_is_FLASK004_at_that_level()
    {
        string yaml = TestRubric.Valid("BrandVoice") + "  6: Beyond.\n";

        AssertSingle(Diagnose(yaml), "FLASK004", 12, 3, "'6' is not a level");
    }

    [Fact]
    public void Zero_based_scoring_is_FLASK004()
    {
        string yaml = TestRubric.Valid("BrandVoice").Replace("  5: Fully.\n", "  0: None.\n");

        string[] reported = [.. Diagnose(yaml).Select(d => $"{d.Location.GetLineSpan().StartLinePosition} {d.Id} {d.GetMessage()}")];
        Assert.Equal(
            ["10,2 FLASK004 Scoring must define exactly the levels 1 to 5: '0' is not a level",
             "5,0 FLASK004 Scoring must define exactly the levels 1 to 5: level 5 missing"],
            reported);
    }

    [Theory]
    [InlineData("Brand Voice", "is not a valid C# identifier")]
    [InlineData("1stSkill", "is not a valid C# identifier")]
    [InlineData("class", "is a C# keyword")]
    [InlineData("Catalog", "is reserved for the generated catalog")]
    public void Invalid_id_is_FLASK005_at_the_id_value(string id, string problem)
    {
        string yaml = TestRubric.Valid("BrandVoice").Replace("id: BrandVoice", $"id: {id}");

        AssertSingle(Diagnose(yaml), "FLASK005", 1, 5, problem);
    }

    [Theory]
    [InlineData("FlaskSkills", "is reserved for the generated catalog")]
    [InlineData("FlaskSkillIds", "is reserved for the generated catalog")]
    [InlineData("Equals", "is reserved for the generated catalog")]
    [InlineData("ToString", "is reserved for the generated catalog")]
    [InlineData("GetType", "is reserved for the generated catalog")]
    [InlineData("GetHashCode", "is reserved for the generated catalog")]
    [InlineData("MemberwiseClone", "is reserved for the generated catalog")]
    [InlineData("ReferenceEquals", "is reserved for the generated catalog")]
    [InlineData("Finalize", "is reserved for the generated catalog")]
    [InlineData("All", "is reserved for the generated catalog")]
    [InlineData("record", "is a C# keyword")]
    [InlineData("cl\u00ADass", "is a C# keyword")] // C# ignores the soft hyphen: this is the keyword class
    public void Ids_the_generated_code_could_not_hold_are_FLASK005_and_the_build_has_no_other_error(string id, string problem)
    {
        string yaml = TestRubric.Valid("BrandVoice").Replace("id: BrandVoice", $"id: \"{id}\"");
        var (result, output) = GeneratorHarness.Run([new TestRubric(Path, yaml), new TestRubric("/app/rubrics/tone.yaml", TestRubric.Valid("Tone"))]);

        AssertSingle([.. result.Diagnostics], "FLASK005", 1, 5, problem);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
    }

    [Fact]
    public void A_600_character_id_is_FLASK005()
    {
        string id = "A" + new string('b', 599);
        var (result, output) = GeneratorHarness.Run([new TestRubric(Path, TestRubric.Valid("BrandVoice").Replace("id: BrandVoice", $"id: {id}"))]);

        AssertSingle([.. result.Diagnostics], "FLASK005", 1, 5, "is 600 characters long; an id may have at most 128");
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
    }

    [Fact]
    public void An_id_of_the_longest_length_builds()
    {
        string id = "A" + new string('b', 127);
        var (result, output) = GeneratorHarness.Run([new TestRubric(Path, TestRubric.Valid("BrandVoice").Replace("id: BrandVoice", $"id: {id}"))]);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        Assert.NotNull(output.GetTypeByMetadataName($"Consumer.App.{id}Evaluator"));
    }

    [Theory]
    [InlineData("name", "\\0", "U+0000")]
    [InlineData("criteria", "\\a", "U+0007")]
    [InlineData("ability", "\\x7F", "U+007F")]
    [InlineData("name", "\\x9B", "U+009B")]
    public void A_control_character_in_a_text_is_FLASK012_at_the_value(string field, string escape, string character)
    {
        string yaml = string.Join("\n", TestRubric.Valid("BrandVoice").Split('\n')
            .Select(line => line.StartsWith(field + ":", System.StringComparison.Ordinal) ? $"{field}: \"Brand{escape}Voice\"" : line));
        var (result, output) = GeneratorHarness.Run([new TestRubric(Path, yaml)]);

        int line = System.Array.FindIndex(yaml.Split('\n'), l => l.StartsWith(field + ":", System.StringComparison.Ordinal)) + 1;
        AssertSingle([.. result.Diagnostics], "FLASK012", line, field.Length + 3, $"'{field}' contains the control character {character} at character 6");
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
    }

    [Theory]
    [InlineData("tone")]
    [InlineData("TONE")]
    [InlineData("To\u00ADne")] // soft hyphen
    [InlineData("To\u200Bne")] // zero-width space
    [InlineData("T\u200Done")] // zero-width joiner
    [InlineData("To_ne")]
    public void Ids_that_differ_only_by_case_or_invisible_characters_are_one_id_FLASK006(string second)
    {
        TestRubric first = new("/app/rubrics/a-tone.yaml", TestRubric.Valid("Tone"));
        TestRubric other = new("/app/rubrics/b-tone.yaml", TestRubric.Valid(second, name: "Second tone").Replace("aliases: [", "aliases: [second-"));
        var (result, output) = GeneratorHarness.Run([first, other]); // throws if the generator crashed (CS8785, hint names)

        AssertSingle([.. result.Diagnostics], "FLASK006", 1, 5, "also defined in a-tone.yaml", other.Path);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        Assert.Equal(["FlaskSkills.g.cs", "ToneEvaluator.g.cs"], result.GeneratedSources.Select(s => s.HintName).Order());
    }

    [Fact]
    public void Ids_with_underscores_and_non_ascii_letters_get_distinct_hint_names()
    {
        TestRubric[] files =
        [
            new("/app/rubrics/a.yaml", TestRubric.Valid("T\u00E9")),
            new("/app/rubrics/b.yaml", TestRubric.Valid("T_u00E9x")),
            new("/app/rubrics/c.yaml", TestRubric.Valid("Tu00E9")),
        ];
        var (result, output) = GeneratorHarness.Run(files);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        Assert.Equal(["FlaskSkills.g.cs", "T__u00E9xEvaluator.g.cs", "T_u00E9Evaluator.g.cs", "Tu00E9Evaluator.g.cs"], result.GeneratedSources.Select(s => s.HintName).Order(System.StringComparer.Ordinal));
    }

    [Fact]
    public void Same_id_in_two_project_files_is_FLASK006_at_the_second()
    {
        TestRubric other = new("/app/rubrics/zz-brand-voice-copy.yaml", "# a copy\n" + TestRubric.Valid("BrandVoice", name: "Brand Voice Copy"));

        AssertSingle(Diagnose(TestRubric.Valid("BrandVoice"), other), "FLASK006", 2, 5, "also defined in brand-voice.yaml", other.Path);
    }

    [Fact]
    public void Wrong_type_is_FLASK007_at_the_value()
    {
        string yaml = TestRubric.Valid("BrandVoice").Replace("aliases: [brandvoice-alias]", "aliases: just-one");

        AssertSingle(Diagnose(yaml), "FLASK007", 4, 10, "must be a list of names");
    }

    [Fact]
    public void Scoring_as_a_list_is_FLASK007()
    {
        string yaml = TestRubric.Valid("BrandVoice").Split("scoring:")[0] + "scoring:\n  - Bad\n  - Good\n";

        AssertSingle(Diagnose(yaml), "FLASK007", 7, 3, "must be a mapping of the levels 1 to 5");
    }

    [Fact]
    public void A_project_rubric_replaces_a_default_one_with_FLASK008_info()
    {
        TestRubric builtIn = new("/pkg/rubrics/brand-voice.yaml", TestRubric.Valid("BrandVoice", name: "Default Voice"), IsDefault: true);
        var (result, output) = GeneratorHarness.Run([builtIn, new TestRubric(Path, TestRubric.Valid("BrandVoice", name: "Our Voice"))]);

        AssertSingle([.. result.Diagnostics], "FLASK008", 1, 5, "replaces the default FLASK rubric brand-voice.yaml");
        Assert.Equal(DiagnosticSeverity.Info, result.Diagnostics.Single().Severity);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        string catalog = result.GeneratedSources.Single(s => s.HintName == "FlaskSkills.g.cs").SourceText.ToString();
        Assert.Contains("name: \"Our Voice\"", catalog);
        Assert.DoesNotContain("Default Voice", catalog);
    }

    [Fact]
    public void Two_skills_sharing_a_name_is_FLASK009()
    {
        TestRubric other = new("/app/rubrics/tone.yaml", TestRubric.Valid("Tone").Replace("aliases: [tone-alias]", "aliases: [brand voice]"));

        AssertSingle(Diagnose(TestRubric.Valid("BrandVoice"), other), "FLASK009", 1, 5, "'brand voice' names both skill 'BrandVoice' and skill 'Tone'", other.Path);
    }

    [Theory]
    [InlineData("", "the file is empty", 1, 1)]
    [InlineData("- id: A\n", "found a list", 1, 1)]
    [InlineData("just text\n", "found a text", 1, 1)]
    [InlineData("id: A\n---\nid: B\n", "found 2 documents", 3, 1)]
    public void A_file_that_is_not_one_mapping_is_FLASK010(string yaml, string found, int line, int column)
    {
        AssertSingle(Diagnose(yaml), "FLASK010", line, column, found);
    }

    [Fact]
    public void An_invalid_FlaskSkillsNamespace_is_FLASK011_and_the_root_namespace_is_used()
    {
        var properties = new System.Collections.Generic.Dictionary<string, string>
        {
            ["build_property.RootNamespace"] = "Root.Ns",
            ["build_property.FlaskSkillsNamespace"] = "My..Skills",
        };
        var (result, output) = GeneratorHarness.Run([new TestRubric(Path, TestRubric.Valid("BrandVoice"))], properties: properties);

        Diagnostic diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("FLASK011", diagnostic.Id);
        Assert.NotNull(output.GetTypeByMetadataName("Root.Ns.BrandVoiceEvaluator"));
    }

    [Fact]
    public void Every_problem_in_a_file_is_reported_not_just_the_first()
    {
        const string yaml = """
            id: 9lives
            name: ""
            ability: Brand
            criteria: [not, text]
            colour: blue
            scoring:
              1: a
              2: b
            """;

        string[] ids = [.. Diagnose(yaml).Select(d => d.Id).Order()];
        Assert.Equal(["FLASK002", "FLASK003", "FLASK004", "FLASK005", "FLASK007"], ids);
    }

    [Fact]
    public void A_broken_rubric_emits_no_evaluator_but_the_others_still_generate()
    {
        var (result, _) = GeneratorHarness.Run([
            new TestRubric(Path, "id: [broken"),
            new TestRubric("/app/rubrics/tone.yaml", TestRubric.Valid("Tone"))]);

        Assert.Contains(result.Diagnostics, d => d.Id == "FLASK001");
        Assert.Equal(["FlaskSkills.g.cs", "ToneEvaluator.g.cs"], result.GeneratedSources.Select(s => s.HintName).Order());
    }
}
