using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Basic.Reference.Assemblies;
using BenchmarkDotNet.Attributes;
using Flask.Testing.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Flask.Testing.Benchmarks;

/// <summary>The rubric generator: a full run over 12 and 1,000 rubrics, and the incremental run after an unrelated .cs edit.</summary>
[Config(typeof(Config))]
public class GeneratorBenchmarks
{
    [Params(12, 1000)]
    public int Rubrics { get; set; }

    private ImmutableArray<AdditionalText> _texts;
    private CSharpCompilation _compilation = null!;
    private CSharpCompilation _edited = null!;
    private GeneratorDriver _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        string[] flask = [.. Directory.GetFiles(FindRubrics(), "*.yaml").Select(File.ReadAllText)];
        _texts = [.. Enumerable.Range(0, Rubrics).Select(i => (AdditionalText)new Text($"/r/skill{i}.rubric.yaml",
            flask[i % flask.Length].Replace("\nid: ", $"\nid: Skill{i}_").Replace("\nname: ", $"\nname: Skill {i} ").Replace("\naliases: [", $"\naliases: [alias{i}-")))];
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        _compilation = CSharpCompilation.Create("Bench", [CSharpSyntaxTree.ParseText("namespace App; public class A { }", parse, "A.cs")],
            [.. Net100.References.All, MetadataReference.CreateFromFile(typeof(Skill).Assembly.Location)], new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _edited = _compilation.ReplaceSyntaxTree(_compilation.SyntaxTrees.Single(), CSharpSyntaxTree.ParseText("namespace App; public class A { public int X; }", parse, "A.cs"));
        _warm = Driver().RunGenerators(_compilation);
    }

    private GeneratorDriver Driver() => CSharpGeneratorDriver.Create([new RubricGenerator().AsSourceGenerator()], _texts,
        new CSharpParseOptions(LanguageVersion.Latest), optionsProvider: null, new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: false));

    [Benchmark(Description = "Generate from scratch")]
    public GeneratorDriver Generate() => Driver().RunGenerators(_compilation);

    [Benchmark(Description = "Incremental run after an unrelated .cs edit")]
    public GeneratorDriver NoOpEdit() => _warm.RunGenerators(_edited);

    private static string FindRubrics()
    {
        for (var dir = new DirectoryInfo(System.AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Flask.Testing.sln")))
                return Path.Combine(dir.FullName, "rubrics");
        }
        throw new DirectoryNotFoundException("rubrics/ not found above the benchmark.");
    }

    private sealed class Text(string path, string text) : AdditionalText
    {
        private readonly SourceText _text = SourceText.From(text);
        public override string Path { get; } = path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => _text;
    }
}
