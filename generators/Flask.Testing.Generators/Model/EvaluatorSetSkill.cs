namespace Flask.Testing.Generators.Model;

/// <summary>One skill of an evaluator set: as written (id, name or alias), or once resolved, the skill's id and display name.</summary>
/// <param name="Skill">The skill as written in the file, or its id once resolved.</param>
/// <param name="DisplayName">The skill's display name (its metric name) once resolved; the text as written before.</param>
/// <param name="MinScore">The lowest passing score, 1 to 5.</param>
/// <param name="Location">Where the skill is written.</param>
internal sealed record EvaluatorSetSkill(string Skill, string DisplayName, double MinScore, LocationInfo Location);
