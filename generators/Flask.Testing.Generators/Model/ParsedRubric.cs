namespace Flask.Testing.Generators.Model;

/// <summary>What reading one rubric file gave: the rubric when it is valid, and every diagnostic found on the way.</summary>
internal sealed record ParsedRubric(RubricModel? Rubric, EquatableArray<DiagnosticInfo> Diagnostics);
