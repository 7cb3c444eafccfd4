namespace Flask.Testing.Generators.Model;

/// <summary>The project settings the emitted code depends on.</summary>
/// <param name="Namespace">The namespace of the generated catalog and evaluators.</param>
/// <param name="Diagnostic">A problem with the settings, if any (an invalid <c>FlaskSkillsNamespace</c>).</param>
internal sealed record CatalogOptions(string Namespace, DiagnosticInfo? Diagnostic);
