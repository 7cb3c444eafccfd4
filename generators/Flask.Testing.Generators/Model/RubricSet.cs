namespace Flask.Testing.Generators.Model;

/// <summary>The skills to emit after duplicate ids and default-rubric replacements are settled, in catalog order.</summary>
internal sealed record RubricSet(EquatableArray<RubricModel> Skills, EquatableArray<DiagnosticInfo> Diagnostics);
