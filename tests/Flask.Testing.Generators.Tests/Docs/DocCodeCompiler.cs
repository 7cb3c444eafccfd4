using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Basic.Reference.Assemblies;
using Flask.Testing.Generators.Analyzers;
using Flask.Testing.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flask.Testing.Generators.Tests.Docs;

/// <summary>
/// Compiles a doc's C# block as a file of a consumer's test project would be compiled: .NET 10 with the SDK's implicit
/// usings (<c>&lt;ImplicitUsings&gt;enable&lt;/ImplicitUsings&gt;</c>, as <c>dotnet new</c> and the template set it),
/// referencing Flask.Testing, Flask.Testing.Xunit, xunit.v3, Microsoft.Extensions.AI(.Evaluation), OpenTelemetry and the
/// sample's app (SupportBot), with the rubric generator and the FLASK analyzers running over FLASK's 12 rubrics and the
/// rubric and evaluator-set YAML blocks the docs show. The project's root namespace is the block's namespace (the
/// generated <c>FlaskSkills</c>, <c>FlaskSkillIds</c> and evaluators live there), or <see cref="DefaultRootNamespace"/>
/// when the block declares none. Errors are located in the Markdown page (file and line) through <c>#line</c>.
/// </summary>
internal static class DocCodeCompiler
{
    /// <summary>The root namespace of a block that declares no namespace of its own.</summary>
    public const string DefaultRootNamespace = "MyApp";

    private static readonly string[] ImplicitUsings =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks"];

    // Assemblies of the test's own output a consumer's project would reference through its packages.
    private static readonly string[] ReferencedPrefixes =
        ["Flask.Testing.dll", "Flask.Testing.Xunit.dll", "Microsoft.Extensions.AI", "xunit.v3.", "SupportBot.dll", "OpenTelemetry",
         "Microsoft.Extensions.DependencyInjection.Abstractions.dll", "Microsoft.Extensions.Logging.Abstractions.dll"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    [
        .. Net100.References.All,
        .. Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => ReferencedPrefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Order(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path)),
    ]);

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>
    /// The compiler's, the generator's and the analyzers' warnings and errors for <paramref name="block"/>, one line each
    /// (<c>docs/testing.md:14:9: error CS0246: …</c>); empty when it compiles cleanly.
    /// </summary>
    public static IReadOnlyList<string> Compile(DocCodeBlock block, IEnumerable<TestRubric> docRubrics)
    {
        // The block's lines keep their page line numbers: errors point into the Markdown file.
        string source = $"#line {block.Line.ToString(CultureInfo.InvariantCulture)} \"{block.File}\"\n{block.Code}";
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, ParseOptions, path: block.File + ".cs");
        SyntaxTree usings = CSharpSyntaxTree.ParseText(
            string.Concat(ImplicitUsings.Select(u => $"global using global::{u};\n")), ParseOptions, path: "ImplicitUsings.g.cs");
        var root = (CompilationUnitSyntax)tree.GetRoot();
        bool topLevel = root.Members.OfType<GlobalStatementSyntax>().Any();
        string rootNamespace = root.Members.OfType<BaseNamespaceDeclarationSyntax>().FirstOrDefault()?.Name.ToString() ?? DefaultRootNamespace;

        CSharpCompilation compilation = CSharpCompilation.Create(
            "DocBlock",
            [usings, tree],
            References.Value,
            new CSharpCompilationOptions(topLevel ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary,
                nullableContextOptions: NullableContextOptions.Enable));

        TestRubric[] files = [.. FlaskRubrics(), .. docRubrics];
        var properties = new Dictionary<string, string> { ["build_property.RootNamespace"] = rootNamespace };
        GeneratorDriver driver = GeneratorHarness.Driver(files, properties)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        if (driver.GetRunResult().Results.Single().Exception is { } exception)
            throw new InvalidOperationException("The generator threw; it must report diagnostics instead.", exception);

        var analyzerOptions = new AnalyzerOptions(
            [.. files.Select(f => (AdditionalText)new InMemoryAdditionalText(f.Path, f.Text))], GeneratorHarness.Options(files, properties));
        ImmutableArray<Diagnostic> analyzerDiagnostics = output
            .WithAnalyzers([new UnknownSkillAnalyzer(), new MinScoreAnalyzer()], analyzerOptions)
            .GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();

        return [.. generatorDiagnostics.Concat(output.GetDiagnostics()).Concat(analyzerDiagnostics)
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(Describe)
            .Distinct()];
    }

    /// <summary>The rubric and evaluator-set files among <paramref name="blocks"/>: YAML blocks with <c>id:</c> and
    /// <c>scoring:</c> (a rubric) or <c>name:</c> and <c>skills:</c> (a set), first by page order where two share an id or name.</summary>
    public static IReadOnlyList<TestRubric> RubricsShownIn(IEnumerable<DocCodeBlock> blocks)
    {
        var files = new List<TestRubric>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (DocCodeBlock block in blocks.Where(b => b.Language is "yaml" or "yml"))
        {
            string? id = TopLevel(block.Code, "id");
            string? name = TopLevel(block.Code, "name");
            if (id is not null && TopLevel(block.Code, "scoring") is not null && seen.Add("rubric:" + id))
                files.Add(new TestRubric($"/docs/{block.File}#L{block.Line}.yaml", block.Code));
            else if (name is not null && TopLevel(block.Code, "skills") is not null && seen.Add("set:" + name))
                files.Add(TestRubric.Set($"/docs/{block.File}#L{block.Line}.yaml", block.Code));
        }
        return files;
    }

    private static string? TopLevel(string yaml, string key) =>
        Regex.Match(yaml, $@"^{key}:[ \t]*([^#\n]*)", RegexOptions.Multiline) is { Success: true } match ? match.Groups[1].Value.Trim() : null;

    private static IEnumerable<TestRubric> FlaskRubrics() =>
        Directory.GetFiles(TestKit.RepoPaths.Rubrics, "*.yaml").Order(StringComparer.Ordinal)
            .Select(p => new TestRubric(p, File.ReadAllText(p), IsDefault: true));

    private static string Describe(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetMappedLineSpan();
        string where = span.IsValid ? $"{span.Path}:{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}: " : "";
        return $"{where}{diagnostic.Severity.ToString().ToLowerInvariant()} {diagnostic.Id}: {diagnostic.GetMessage(CultureInfo.InvariantCulture)}";
    }
}
