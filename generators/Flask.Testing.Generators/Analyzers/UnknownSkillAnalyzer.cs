using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flask.Testing.Generators.Diagnostics;
using Flask.Testing.Generators.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Flask.Testing.Generators.Analyzers;

/// <summary>
/// Reports FLASK100 where a constant skill id, name or alias passed to a <c>[SkillId]</c> parameter or property
/// (such as <c>[FlaskSkill("…")]</c> or <c>FlaskSkills.Get("…")</c>) names no skill of the compilation's rubrics.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UnknownSkillAnalyzer : DiagnosticAnalyzer
{
    private const string SkillIdAttribute = "Flask.Testing.SkillIdAttribute";

    // One descriptor instance, both the supported one and the one reported.
    private static readonly DiagnosticDescriptor Rule = FlaskDiagnostics.UnknownSkill.ToDescriptor();

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? marker = start.Compilation.GetTypeByMetadataName(SkillIdAttribute);
            if (marker is null)
                return;
            KnownSkills? known = KnownSkills.Read(start.Options, start.CancellationToken);
            if (known is null)
                return; // No rubric in the compilation: nothing to check against.

            // Attribute arguments are operations too (Roslyn 4.x): one pair of actions covers attributes and calls.
            start.RegisterOperationAction(
                operation => AnalyzeArgument((IArgumentOperation)operation.Operation, marker, known, operation.ReportDiagnostic),
                OperationKind.Argument);
            start.RegisterOperationAction(
                operation => AnalyzeAssignment((ISimpleAssignmentOperation)operation.Operation, marker, known, operation.ReportDiagnostic),
                OperationKind.SimpleAssignment);
        });
    }

    private static void AnalyzeArgument(IArgumentOperation argument, INamedTypeSymbol marker, KnownSkills known, System.Action<Diagnostic> report)
    {
        if (argument.Parameter is { } parameter && IsMarked(parameter, marker) && argument.Value.ConstantValue is { HasValue: true, Value: string value })
            Check(value, argument.Value.Syntax.GetLocation(), known, report);
    }

    private static void AnalyzeAssignment(ISimpleAssignmentOperation assignment, INamedTypeSymbol marker, KnownSkills known, System.Action<Diagnostic> report)
    {
        // Named attribute arguments (Skill = "…") and object initializers set a [SkillId] property.
        if (assignment.Target is IPropertyReferenceOperation { Property: { } property } && IsMarked(property, marker) &&
            assignment.Value.ConstantValue is { HasValue: true, Value: string value })
            Check(value, assignment.Value.Syntax.GetLocation(), known, report);
    }

    private static bool IsMarked(ISymbol symbol, INamedTypeSymbol marker) =>
        symbol.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, marker));

    private static void Check(string value, Location location, KnownSkills known, System.Action<Diagnostic> report)
    {
        if (known.Contains(value))
            return;
        string? closest = Flask.Testing.ClosestMatch.Find(value, known.Ids);
        report(Diagnostic.Create(Rule, location, value,
            closest is null ? $"; known skills: {string.Join(", ", known.Ids)}" : $"; did you mean '{closest}'?"));
    }

    /// <summary>The ids and lookup keys of the compilation's valid rubrics.</summary>
    private sealed class KnownSkills(IReadOnlyList<string> ids, HashSet<string> keys)
    {
        public IReadOnlyList<string> Ids { get; } = ids;

        public bool Contains(string idNameOrAlias) => keys.Contains(Flask.Testing.SkillKey.Normalize(idNameOrAlias));

        public static KnownSkills? Read(AnalyzerOptions options, System.Threading.CancellationToken cancellationToken)
        {
            var ids = new SortedSet<string>(System.StringComparer.Ordinal);
            var keys = new HashSet<string>(System.StringComparer.Ordinal);
            bool any = false;
            foreach (AdditionalText file in options.AdditionalFiles)
            {
                if (!RubricFiles.IsRubric(file, options.AnalyzerConfigOptionsProvider))
                    continue;
                any = true;
                var rubric = RubricParser.Parse(file.Path, file.GetText(cancellationToken)?.ToString(), isDefault: false, cancellationToken).Rubric;
                if (rubric is null)
                    return null; // The generator reports the broken rubric; its skill is not "unknown", so check nothing yet.
                ids.Add(rubric.Id);
                foreach (string name in new[] { rubric.Id, rubric.Name }.Concat(rubric.Aliases))
                    keys.Add(Flask.Testing.SkillKey.Normalize(name));
            }
            return any ? new KnownSkills(ids.ToArray(), keys) : null;
        }
    }
}
