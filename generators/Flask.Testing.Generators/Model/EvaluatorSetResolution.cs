namespace Flask.Testing.Generators.Model;

/// <summary>The evaluator sets to emit, their skills resolved to the project's skill ids, and the problems found resolving them.</summary>
internal sealed record EvaluatorSetResolution(EquatableArray<EvaluatorSetModel> Sets, EquatableArray<DiagnosticInfo> Diagnostics);
