namespace Flask.Testing.Generators.Model;

/// <summary>What reading one evaluator set file gave: the set when it is valid, and every diagnostic found on the way.</summary>
internal sealed record ParsedEvaluatorSet(EvaluatorSetModel? Set, EquatableArray<DiagnosticInfo> Diagnostics);
