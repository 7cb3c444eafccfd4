using System.Linq;
using Flask.Testing.Generators.Diagnostics;
using Flask.Testing.Generators.Emit;
using Flask.Testing.Generators.Model;
using Flask.Testing.Generators.Parse;
using Flask.Testing.Generators.Resolve;
using Microsoft.CodeAnalysis;

namespace Flask.Testing.Generators;

/// <summary>
/// Compiles the project's rubric YAML files into a typed evaluator per skill and the <c>FlaskSkills</c> catalog, and its
/// evaluator set files into an evaluator and a typed scores class per set. Files of rubric libraries (packages that
/// mark theirs with <c>FlaskRubricSource</c>) generate in the consuming project like its own.
/// Pipeline: select rubric files → parse each (cached per file) → resolve the set → emit per skill and the catalog;
/// select evaluator set files → parse each → resolve against the skills → emit per set.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RubricGenerator : IIncrementalGenerator
{
    private const string FallbackNamespace = "Flask.Testing.Generated";

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<RubricFile> files = context.AdditionalTextsProvider
            .Where(static file => RubricFiles.MayBeRubric(file.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => RubricFiles.IsRubric(pair.Left, pair.Right))
            .Select(static (pair, cancellationToken) => new RubricFile(
                pair.Left.Path,
                pair.Left.GetText(cancellationToken)?.ToString() ?? string.Empty,
                RubricFiles.IsDefault(pair.Right.GetOptions(pair.Left)),
                RubricFiles.Source(pair.Right.GetOptions(pair.Left))))
            .WithTrackingName(TrackingNames.RubricFiles);

        IncrementalValuesProvider<ParsedRubric> parsed = files
            .Select(static (file, cancellationToken) => RubricParser.Parse(file.Path, file.Text, file.IsDefault, cancellationToken, file.Source))
            .WithTrackingName(TrackingNames.ParsedRubrics);

        IncrementalValueProvider<RubricSet> set = parsed.Collect()
            .Select(static (all, _) => RubricResolver.Resolve(all))
            .WithTrackingName(TrackingNames.RubricSet);

        IncrementalValueProvider<CatalogOptions> options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Options);

        IncrementalValuesProvider<SkillToEmit> skills = set
            .SelectMany(static (s, _) => s.Skills)
            .Combine(options)
            .Select(static (pair, _) => new SkillToEmit(pair.Left, pair.Right.Namespace))
            .WithTrackingName(TrackingNames.Skills);

        // Evaluator sets: their own files, parsed one by one, then resolved against the project's skills.
        IncrementalValuesProvider<RubricFile> setFiles = context.AdditionalTextsProvider
            .Where(static file => RubricFiles.MayBeRubric(file.Path))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Where(static pair => RubricFiles.IsEvaluatorSet(pair.Left.Path, pair.Right.GetOptions(pair.Left)))
            .Select(static (pair, cancellationToken) => new RubricFile(pair.Left.Path, pair.Left.GetText(cancellationToken)?.ToString() ?? string.Empty,
                IsDefault: false, RubricFiles.Source(pair.Right.GetOptions(pair.Left))))
            .WithTrackingName(TrackingNames.EvaluatorSetFiles);

        IncrementalValuesProvider<ParsedEvaluatorSet> parsedSets = setFiles
            .Select(static (file, cancellationToken) => EvaluatorSetParser.Parse(file.Path, file.Text, cancellationToken, file.Source))
            .WithTrackingName(TrackingNames.ParsedEvaluatorSets);

        IncrementalValueProvider<bool> rubricsComplete = parsed.Collect()
            .Select(static (all, _) => all.All(p => p.Rubric is not null));

        IncrementalValueProvider<EvaluatorSetResolution> resolvedSets = parsedSets.Collect()
            .Combine(set)
            .Combine(rubricsComplete)
            .Select(static (pair, _) => EvaluatorSetResolver.Resolve(pair.Left.Left, pair.Left.Right, pair.Right))
            .WithTrackingName(TrackingNames.EvaluatorSets);

        IncrementalValuesProvider<EvaluatorSetToEmit> setsToEmit = resolvedSets
            .SelectMany(static (r, _) => r.Sets)
            .Combine(options)
            .Select(static (pair, _) => new EvaluatorSetToEmit(pair.Left, pair.Right.Namespace))
            .WithTrackingName(TrackingNames.EvaluatorSetsToEmit);

        context.RegisterSourceOutput(parsedSets, static (spc, parsedSet) =>
        {
            foreach (DiagnosticInfo diagnostic in parsedSet.Diagnostics)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        context.RegisterSourceOutput(resolvedSets, static (spc, resolution) =>
        {
            foreach (DiagnosticInfo diagnostic in resolution.Diagnostics)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        context.RegisterSourceOutput(setsToEmit, static (spc, toEmit) =>
            spc.AddSource(EvaluatorSetEmitter.HintName(toEmit.Set), EvaluatorSetEmitter.Emit(toEmit)));

        context.RegisterSourceOutput(parsed, static (spc, rubric) =>
        {
            foreach (DiagnosticInfo diagnostic in rubric.Diagnostics)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
        });

        context.RegisterSourceOutput(skills, static (spc, skill) =>
            spc.AddSource(EvaluatorEmitter.HintName(skill.Rubric), EvaluatorEmitter.Emit(skill)));

        context.RegisterSourceOutput(set.Combine(options), static (spc, pair) =>
        {
            foreach (DiagnosticInfo diagnostic in pair.Left.Diagnostics)
                spc.ReportDiagnostic(diagnostic.ToDiagnostic());
            if (pair.Right.Diagnostic is { } optionsDiagnostic)
                spc.ReportDiagnostic(optionsDiagnostic.ToDiagnostic());
            // A project without rubrics gets no catalog: nothing refers to one, and an empty class would only confuse.
            if (pair.Left.Skills.Count > 0)
                spc.AddSource(CatalogEmitter.HintName, CatalogEmitter.Emit(pair.Left.Skills, pair.Right.Namespace));
        });
    }

    private static CatalogOptions ReadOptions(Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions options)
    {
        options.TryGetValue("build_property.RootNamespace", out string? rootNamespace);
        // The SDK leaves a project name's '-' in RootNamespace ("my-app-tests") while dotnet new and the IDEs write the
        // code in its safe form (my_app_tests): generate there too, so FlaskSkills is in the project's namespace.
        string fallback = SafeNamespace(rootNamespace) is { } safe && IsValidNamespace(safe) ? safe : FallbackNamespace;
        if (!options.TryGetValue("build_property.FlaskSkillsNamespace", out string? configured) || string.IsNullOrWhiteSpace(configured))
            return new CatalogOptions(fallback, null);
        if (IsValidNamespace(configured))
            return new CatalogOptions(configured!.Trim(), null);
        var diagnostic = DiagnosticInfo.Create(Diagnostics.FlaskDiagnostics.InvalidNamespace, LocationInfo.None, configured!, fallback);
        return new CatalogOptions(fallback, diagnostic);
    }

    /// <summary><paramref name="name"/> as dotnet new's safe_namespace writes it: characters that cannot be in an
    /// identifier become '_', a part starting with a digit or being a keyword gets a leading '_'.</summary>
    internal static string? SafeNamespace(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        return string.Join(".", name!.Trim().Split('.').Select(part =>
        {
            var safe = new System.Text.StringBuilder(part.Length + 1);
            foreach (char c in part)
                safe.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
            if (safe.Length == 0 || char.IsDigit(safe[0]) || CSharpNames.IsReservedKeyword(safe.ToString()))
                safe.Insert(0, '_');
            return safe.ToString();
        }));
    }

    private static bool IsValidNamespace(string? name) =>
        !string.IsNullOrWhiteSpace(name) &&
        name!.Trim().Split('.').All(part => CSharpNames.IsValidIdentifier(part) && !CSharpNames.IsReservedKeyword(part));
}
