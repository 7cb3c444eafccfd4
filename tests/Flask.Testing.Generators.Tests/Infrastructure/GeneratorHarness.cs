using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flask.Testing.Generators.Tests.Infrastructure;

/// <summary>Runs the rubric generator (and the skill-id analyzer) the way the compiler does, over in-memory files.</summary>
internal static class GeneratorHarness
{
    public const string Namespace = "Consumer.App";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References =
        [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(Skill).Assembly.Location),
            // Generated evaluators are Microsoft.Extensions.AI.Evaluation evaluators; an evaluator set takes an IChatClient.
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.IChatClient).Assembly.Location),
            MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.AI.Evaluation.IEvaluator).Assembly.Location)];

    public static CSharpCompilation Compilation(params string[] sources) => CSharpCompilation.Create(
        "Consumer.App",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, path: $"Source{i}.cs")),
        References,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static TestOptionsProvider Options(IEnumerable<TestRubric> files, IReadOnlyDictionary<string, string>? properties = null) => new(
        properties ?? new Dictionary<string, string> { ["build_property.RootNamespace"] = Namespace },
        files.ToDictionary(
            f => f.Path,
            f => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
            {
                ["build_metadata.AdditionalFiles.FlaskRubric"] = f.IsEvaluatorSet ? "false" : "true",
                ["build_metadata.AdditionalFiles.FlaskEvaluatorSet"] = f.IsEvaluatorSet ? "true" : "false",
                ["build_metadata.AdditionalFiles.FlaskRubricDefault"] = f.IsDefault ? "true" : "false",
                // MSBuild passes metadata an item lacks as an empty value.
                ["build_metadata.AdditionalFiles.FlaskRubricSource"] = f.Source ?? string.Empty,
            }));

    public static GeneratorDriver Driver(IEnumerable<TestRubric> files, IReadOnlyDictionary<string, string>? properties = null) =>
        Driver(files, out _, properties);

    /// <summary>A driver over <paramref name="files"/>; <paramref name="texts"/> are the additional files it was given, to replace later.</summary>
    public static GeneratorDriver Driver(IEnumerable<TestRubric> files, out ImmutableArray<AdditionalText> texts, IReadOnlyDictionary<string, string>? properties = null)
    {
        TestRubric[] all = files.ToArray();
        texts = [.. all.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))];
        return CSharpGeneratorDriver.Create(
            [new RubricGenerator().AsSourceGenerator()],
            texts,
            ParseOptions,
            Options(all, properties),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
    }

    /// <summary>Runs the generator once and returns its result and the compilation with the generated code.</summary>
    public static (GeneratorRunResult Result, Compilation Output) Run(IEnumerable<TestRubric> files, string source = "", IReadOnlyDictionary<string, string>? properties = null)
    {
        GeneratorDriver driver = Driver(files, properties).RunGeneratorsAndUpdateCompilation(Compilation(source), out Compilation output, out _);
        GeneratorRunResult result = driver.GetRunResult().Results.Single();
        if (result.Exception is not null)
            throw new InvalidOperationException("The generator threw; it must report diagnostics instead.", result.Exception);
        return (result, output);
    }

    /// <summary>Runs the generator, then the skill-id analyzer over the output, and returns the analyzer's diagnostics.</summary>
    public static ImmutableArray<Diagnostic> Analyze(IEnumerable<TestRubric> files, string source) =>
        Analyze(files, source, new Analyzers.UnknownSkillAnalyzer());

    /// <summary>Runs the generator, then <paramref name="analyzer"/> over the output, and returns the analyzer's diagnostics.</summary>
    public static ImmutableArray<Diagnostic> Analyze(IEnumerable<TestRubric> files, string source, DiagnosticAnalyzer analyzer)
    {
        TestRubric[] all = files.ToArray();
        var (_, output) = Run(all, source);
        var options = new AnalyzerOptions(
            [.. all.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))],
            Options(all));
        return output.WithAnalyzers([analyzer], options)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
    }

    /// <summary>The compiler's own errors and warnings in the output compilation.</summary>
    public static IEnumerable<Diagnostic> CompilerDiagnostics(Compilation output) =>
        output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning);
}
