using Flask.Testing.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Flask.Testing.Generators.Diagnostics;

/// <summary>
/// The generator's edge: the shared, Roslyn-free diagnostic model (<see cref="DiagnosticRule"/>, <see cref="LocationInfo"/>,
/// <see cref="DiagnosticInfo"/>) as Roslyn's descriptors, locations and diagnostics. Generator-only: the CLI does not
/// compile this file.
/// </summary>
internal static class RoslynDiagnostics
{
    /// <summary>The rule as a descriptor, enabled by default, with the rule's severity.</summary>
    public static DiagnosticDescriptor ToDescriptor(this DiagnosticRule rule) => new(
        rule.Id, rule.Title, rule.MessageFormat, rule.Category, ToSeverity(rule.Severity), isEnabledByDefault: true,
        description: rule.Description.Length == 0 ? null : rule.Description);

    /// <summary>The place as a file location, or <see cref="Location.None"/> for <see cref="LocationInfo.None"/>.</summary>
    public static Location ToLocation(this LocationInfo location) => location.FilePath.Length == 0 ? Location.None : Location.Create(
        location.FilePath,
        new TextSpan(location.Start, location.Length),
        new LinePositionSpan(new LinePosition(location.StartLine, location.StartColumn), new LinePosition(location.EndLine, location.EndColumn)));

    /// <summary>The diagnostic to report.</summary>
    public static Diagnostic ToDiagnostic(this DiagnosticInfo diagnostic) =>
        Diagnostic.Create(diagnostic.Rule.ToDescriptor(), diagnostic.Location.ToLocation(), [.. diagnostic.Arguments]);

    private static DiagnosticSeverity ToSeverity(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Error => DiagnosticSeverity.Error,
        RuleSeverity.Warning => DiagnosticSeverity.Warning,
        _ => DiagnosticSeverity.Info,
    };
}
