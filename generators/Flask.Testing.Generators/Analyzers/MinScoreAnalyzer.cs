using System.Collections.Immutable;
using System.Globalization;
using Flask.Testing.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Flask.Testing.Generators.Analyzers;

/// <summary>
/// Reports FLASK101 where <c>[FlaskSkill(…, MinScore = x)]</c> sets a constant outside 1 to 5: a test that every judged
/// score passes (below 1) or that no score can pass (above 5, or NaN) is a mistake the build can see.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MinScoreAnalyzer : DiagnosticAnalyzer
{
    private const string FlaskSkillAttribute = "Flask.Testing.Xunit.FlaskSkillAttribute";
    private const string MinScore = "MinScore";

    // One descriptor instance, both the supported one and the one reported.
    private static readonly DiagnosticDescriptor Rule = FlaskDiagnostics.MinScoreOutOfRange.ToDescriptor();

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Rule];

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? attribute = start.Compilation.GetTypeByMetadataName(FlaskSkillAttribute);
            if (attribute is null)
                return;
            // A named attribute argument (MinScore = 0) is a simple assignment to the property (Roslyn 4.x attribute operations).
            start.RegisterOperationAction(
                operation => Analyze((ISimpleAssignmentOperation)operation.Operation, attribute, operation.ReportDiagnostic),
                OperationKind.SimpleAssignment);
        });
    }

    private static void Analyze(ISimpleAssignmentOperation assignment, INamedTypeSymbol attribute, System.Action<Diagnostic> report)
    {
        if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: MinScore } property } ||
            !SymbolEqualityComparer.Default.Equals(property.ContainingType, attribute) ||
            assignment.Value.ConstantValue is not { HasValue: true, Value: { } value })
            return;
        double score = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (score is >= 1 and <= 5)
            return;
        string why = score < 1 ? "every judged score would pass" : "no score could ever pass";
        report(Diagnostic.Create(Rule, assignment.Value.Syntax.GetLocation(),
            score.ToString("R", CultureInfo.InvariantCulture), why));
    }
}
