namespace Flask.Testing.Generators.Model;

/// <summary>One resolved evaluator set with the settings it is emitted with.</summary>
internal sealed record EvaluatorSetToEmit(EvaluatorSetModel Set, string Namespace);
