using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Flask.Testing.Generators.Emit;
using Flask.Testing.Generators.Model;
using Flask.Testing.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>
/// Rubric files come from pull requests and shared packages: no text in one may ever become code. Every rubric text
/// reaches the generated source only as the value of a string literal or as escaped text in a one-line doc comment.
/// </summary>
public sealed class HostileRubricTextTests
{
    private const string Payload =
        "internal static class P { [System.Runtime.CompilerServices.ModuleInitializer] internal static void I() { } } //";

    /// <summary>Every character C# ends a line at, which also ends a <c>///</c> comment.</summary>
    public static TheoryData<string, string> FieldsAndLineBreaks()
    {
        var data = new TheoryData<string, string>();
        foreach (string field in new[] { "criteria", "name", "ability", "description", "scoring.3", "aliases" })
        {
            foreach (string lineBreak in new[] { "\\u2028", "\\u2029", "\\u0085", "\\r", "\\n" })
                data.Add(field, lineBreak);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FieldsAndLineBreaks))]
    public void A_line_break_character_in_any_text_cannot_inject_a_type(string field, string lineBreak)
    {
        // A YAML double-quoted escape, so the exact character reaches the generator whatever YAML does with raw breaks.
        string value = $"\"Plain text.{lineBreak}{Payload}\"";
        string yaml = TestRubric.Valid("Tone") + "description: Notes.\n";
        yaml = field switch
        {
            "scoring.3" => yaml.Replace("  3: Partly.", $"  3: {value}"),
            "aliases" => yaml.Replace("aliases: [tone-alias]", $"aliases: [{value}]"),
            _ => string.Join("\n", yaml.Split('\n').Select(line => line.StartsWith(field + ":", StringComparison.Ordinal) ? $"{field}: {value}" : line)),
        };
        var (result, output) = GeneratorHarness.Run([new TestRubric("/app/rubrics/tone.yaml", yaml)]);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(GeneratorHarness.CompilerDiagnostics(output));
        Assert.NotNull(output.GetTypeByMetadataName("Consumer.App.ToneEvaluator"));
        Assert.Empty(output.GetSymbolsWithName("P", SymbolFilter.Type, TestContext.Current.CancellationToken));
        Assert.Empty(output.GetSymbolsWithName("I", SymbolFilter.Member, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Emitted_code_holds_only_the_emitters_tokens_for_any_text()
    {
        CSharpParseOptions diagnose = GeneratorHarness.ParseOptions.WithDocumentationMode(DocumentationMode.Diagnose);
        int texts = 0;
        for (int batch = 0; batch < 40; batch++)
        {
            var random = new Random(7000 + batch); // fixed seeds: a failure is reproducible from the batch number
            RubricModel[] hostile = [.. Enumerable.Range(0, 12).Select(i => HostileModel(random, i))];
            var markers = new Dictionary<string, string>(StringComparer.Ordinal);
            RubricModel[] plain = [.. hostile.Select((m, i) => Plain(m, i, markers))];
            texts += markers.Count;

            SyntaxTree[] actual = Emit(hostile, diagnose);
            SyntaxTree[] expected = Emit(plain, diagnose);

            Compilation compilation = GeneratorHarness.Compilation().AddSyntaxTrees(actual);
            Diagnostic[] problems = [.. compilation.GetDiagnostics(TestContext.Current.CancellationToken).Where(d => d.Severity >= DiagnosticSeverity.Warning)];
            Assert.True(problems.Length == 0, $"batch {batch}: {string.Join("\n", problems.Select(p => p.ToString()))}");
            for (int t = 0; t < actual.Length; t++)
                AssertSameShape(expected[t], actual[t], markers, $"batch {batch}, file {t}");
        }
        Assert.True(texts > 4_000, $"only {texts} texts were tried");
    }

    [Fact]
    public void Generated_unicode_rubrics_compile_and_every_literal_comes_from_the_yaml()
    {
        int emitted = 0, rejected = 0;
        for (int batch = 0; batch < 25; batch++)
        {
            var random = new Random(9000 + batch); // fixed seeds: a failure is reproducible from the batch number
            var written = new Dictionary<string, YamlRubric>(StringComparer.Ordinal);
            for (int i = 0; i < 12; i++)
                written[$"/fuzz/b{batch}/r{i}.yaml"] = YamlRubric.Next(random, i);
            var (result, output) = GeneratorHarness.Run(written.Select(w => new TestRubric(w.Key, w.Value.Yaml)));

            Diagnostic[] problems = [.. GeneratorHarness.CompilerDiagnostics(output)];
            Assert.True(problems.Length == 0, $"batch {batch}: {string.Join("\n", problems.Select(p => p.ToString()))}");
            SyntaxTree[] generated = [.. result.GeneratedSources.Select(s => s.SyntaxTree)];
            var properties = generated.SelectMany(t => t.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<PropertyDeclarationSyntax>())
                .Where(p => p.Parent is ClassDeclarationSyntax { Identifier.Text: "FlaskSkills" } && p.Type.ToString() == "global::Flask.Testing.Skill")
                .ToDictionary(p => p.Identifier.ValueText, StringComparer.Ordinal);

            var expectedTypes = new HashSet<string>(StringComparer.Ordinal) { "FlaskSkills", "FlaskSkillIds" };
            foreach (var (path, rubric) in written)
            {
                if (result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.GetLineSpan().Path == path))
                {
                    rejected++;
                    continue;
                }
                emitted++;
                string id = CSharp.Identifier(rubric.Id);
                expectedTypes.Add(id + "Evaluator");
                Assert.True(properties.TryGetValue(id, out var property), $"batch {batch}: {path} has no error and no skill:\n{rubric.Yaml}");
                string[] literals = [.. property!.Initializer!.DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)).Select(t => t.ValueText)];
                Assert.Equal(rubric.Literals(), literals);
            }
            Assert.Equal(properties.Count, written.Count(w => !result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Location.GetLineSpan().Path == w.Key)));

            if (properties.Count == 0)
                expectedTypes.Clear(); // no skill, no catalog
            // Nothing the emitter did not write: no other type, no other attribute.
            string[] types = [.. generated.SelectMany(t => t.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<BaseTypeDeclarationSyntax>()).Select(t => t.Identifier.ValueText)];
            Assert.Equal(expectedTypes.Order(StringComparer.Ordinal), types.Order(StringComparer.Ordinal));
            string[] attributes = [.. generated.SelectMany(t => t.GetRoot(TestContext.Current.CancellationToken).DescendantNodes().OfType<AttributeSyntax>()).Select(a => a.Name.ToString()).Distinct().Order(StringComparer.Ordinal)];
            Assert.Equal(["global::Flask.Testing.SkillCatalogAttribute", "global::Flask.Testing.SkillId", "global::System.CodeDom.Compiler.GeneratedCode"], attributes);
        }
        // Both outcomes must really happen, or the property proves little.
        Assert.True(emitted > 150 && rejected > 20, $"{emitted} emitted, {rejected} rejected");
    }

    /// <summary>A rubric file written from generated texts, each as a YAML double-quoted scalar so its value is exact.</summary>
    private sealed record YamlRubric(string Id, string Name, string Ability, string Criteria, string[] Scoring, string[] Aliases, string? Description, string Yaml)
    {
        public static YamlRubric Next(Random random, int index)
        {
            // Most files keep to the characters a rubric may hold (no control characters but tab and line breaks, no lone
            // surrogates or U+FFFE/U+FFFF, which YAML cannot carry), so most reach the emitter; the rest test that the
            // parser rejects them with a located error.
            bool clean = random.Next(5) > 0;
            string Text() => clean ? Clean(HostileText.Next(random)) : HostileText.Next(random);
            string NonBlank() { string t = Text(); return string.IsNullOrWhiteSpace(t) ? "x" + t : t; }
            string id = random.Next(10) == 0 ? Text() : $"S{index}" + (random.Next(3) == 0 ? "\u00ADx" : random.Next(2) == 0 ? "é" : string.Empty);
            string name = NonBlank() + index, ability = NonBlank(), criteria = NonBlank();
            string[] scoring = [.. Enumerable.Range(0, 5).Select(_ => NonBlank())];
            string[] aliases = [.. Enumerable.Range(0, random.Next(3)).Select(a => NonBlank() + $"#{index}.{a}")];
            string? description = random.Next(3) == 0 ? null : NonBlank();
            var yaml = new StringBuilder();
            yaml.Append("id: ").Append(Quote(id)).Append('\n')
                .Append("name: ").Append(Quote(name)).Append('\n')
                .Append("ability: ").Append(Quote(ability)).Append('\n')
                .Append("aliases: [").Append(string.Join(", ", aliases.Select(Quote))).Append("]\n")
                .Append("criteria: ").Append(Quote(criteria)).Append('\n');
            if (description is not null)
                yaml.Append("description: ").Append(Quote(description)).Append('\n');
            yaml.Append("scoring:\n");
            for (int level = 0; level < 5; level++)
                yaml.Append("  ").Append(level + 1).Append(": ").Append(Quote(scoring[level])).Append('\n');
            return new YamlRubric(id, name, ability, criteria, scoring, aliases, description, yaml.ToString());
        }

        /// <summary>The literal values the emitter must write for this skill, in the order of the constructor's arguments.</summary>
        public string[] Literals() =>
        [
            Id, Name, .. CSharp.Ability(Ability).StartsWith("new ", StringComparison.Ordinal) ? [Ability] : Array.Empty<string>(),
            Criteria, .. Scoring, .. Aliases, .. Description is null ? Array.Empty<string>() : [Description],
        ];

        private static string Clean(string text)
        {
            var clean = new StringBuilder();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    clean.Append(c).Append(text[++i]);
                else if (!char.IsSurrogate(c) && c < '\uFFFE' && (!char.IsControl(c) || c is '\t' or '\n' or '\r' or '\u0085'))
                    clean.Append(c);
            }
            return clean.ToString();
        }

        private static string Quote(string text)
        {
            var quoted = new StringBuilder("\"");
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c == '"' || c == '\\')
                    quoted.Append('\\').Append(c);
                else if (c is >= ' ' and <= '~')
                    quoted.Append(c);
                else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    quoted.Append($"\\U{char.ConvertToUtf32(c, text[++i]):X8}");
                else
                    quoted.Append($"\\u{(int)c:X4}");
            }
            return quoted.Append('"').ToString();
        }
    }

    /// <summary>
    /// The hostile tree has exactly the plain tree's tokens and trivia kinds, the plain tree's markers stand where the
    /// hostile texts are (as literal values, decoded by the C# lexer), and every doc comment has the same XML shape.
    /// </summary>
    private static void AssertSameShape(SyntaxTree expected, SyntaxTree actual, Dictionary<string, string> markers, string where)
    {
        SyntaxToken[] want = [.. expected.GetRoot().DescendantTokens(descendIntoTrivia: false)];
        SyntaxToken[] got = [.. actual.GetRoot().DescendantTokens(descendIntoTrivia: false)];
        Assert.True(want.Length == got.Length, $"{where}: {got.Length} tokens, the emitter wrote {want.Length}");
        for (int i = 0; i < want.Length; i++)
        {
            Assert.True(got[i].IsKind(want[i].Kind()), $"{where}: token {i} is {got[i].Kind()} '{got[i].Text}', expected {want[i].Kind()}");
            if (want[i].IsKind(SyntaxKind.StringLiteralToken))
            {
                string value = markers.TryGetValue(want[i].ValueText, out string? text) ? text : want[i].ValueText;
                Assert.True(value == got[i].ValueText, $"{where}: literal {i} does not round-trip: {Show(got[i].ValueText)} for {Show(value)}");
            }
            else
            {
                Assert.Equal(want[i].Text, got[i].Text);
            }
            Assert.Equal(TriviaShape(want[i]), TriviaShape(got[i]));
        }
    }

    private static string TriviaShape(SyntaxToken token) => string.Join(" ", token.LeadingTrivia.Concat(token.TrailingTrivia).Select(trivia =>
        trivia.GetStructure() is DocumentationCommentTriviaSyntax doc
            ? "doc(" + string.Join(",", doc.DescendantNodes().Where(n => n is not XmlTextSyntax).Select(n => n.Kind() + (n is XmlNameSyntax name ? ":" + name.LocalName.Text : ""))) + ")"
            : trivia.Kind().ToString()));

    private static SyntaxTree[] Emit(RubricModel[] models, CSharpParseOptions options)
    {
        var skills = models.ToEquatableArray();
        string[] sources = [CatalogEmitter.Emit(skills, GeneratorHarness.Namespace), .. models.Select(m => EvaluatorEmitter.Emit(new SkillToEmit(m, GeneratorHarness.Namespace)))];
        return [.. sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, options, path: $"Generated{i}.cs"))];
    }

    private static RubricModel HostileModel(Random random, int index) => new(
        Id: $"S{index}" + (random.Next(3) == 0 ? "\u00ADx" : random.Next(2) == 0 ? "é" : string.Empty),
        Name: HostileText.Next(random),
        Ability: HostileText.Next(random),
        Criteria: HostileText.Next(random),
        Scoring: Enumerable.Range(0, 5).Select(_ => HostileText.Next(random)).ToEquatableArray(),
        Aliases: Enumerable.Range(0, random.Next(3)).Select(_ => HostileText.Next(random)).ToEquatableArray(),
        Description: random.Next(3) == 0 ? null : HostileText.Next(random),
        FileName: HostileText.Next(random),
        IsDefault: false,
        IdLocation: LocationInfo.None);

    /// <summary>The same model with each text replaced by a unique plain marker, remembered in <paramref name="markers"/>.</summary>
    private static RubricModel Plain(RubricModel model, int index, Dictionary<string, string> markers)
    {
        int n = 0;
        string Mark(string text)
        {
            string marker = $"M{index}x{n++}";
            markers[marker] = text;
            return marker;
        }
        // The id stays: it is a validated identifier, and the emitter writes it as a name as well as a literal.
        return model with
        {
            Name = Mark(model.Name),
            Ability = Mark(model.Ability),
            Criteria = Mark(model.Criteria),
            Scoring = model.Scoring.Select(Mark).ToEquatableArray(),
            Aliases = model.Aliases.Select(Mark).ToEquatableArray(),
            Description = model.Description is null ? null : Mark(model.Description),
            FileName = "f.yaml",
        };
    }

    private static string Show(string text) => string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
