namespace Flask.Testing.Generators.Model;

/// <summary>One skill with the settings its evaluator is emitted with.</summary>
internal sealed record SkillToEmit(RubricModel Rubric, string Namespace);
