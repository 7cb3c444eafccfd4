namespace Flask.Testing.Generators.Model;

/// <summary>A valid evaluator set file, before its skills are looked up in the project's rubrics.</summary>
/// <param name="Name">The set's name, a valid C# identifier: it names <c>&lt;Name&gt;Evaluator</c> and <c>&lt;Name&gt;Scores</c>.</param>
/// <param name="Description">Optional notes.</param>
/// <param name="RequiresReference">Whether judging needs a reference answer.</param>
/// <param name="Skills">The skills as written, with their minimum scores, in file order.</param>
/// <param name="FileName">The file's name (not its full path, so generated code is the same on every machine).</param>
/// <param name="NameLocation">Where the name is written.</param>
internal sealed record EvaluatorSetModel(
    string Name,
    string? Description,
    bool RequiresReference,
    EquatableArray<EvaluatorSetSkill> Skills,
    string FileName,
    LocationInfo NameLocation)
{
    /// <summary>The package id of the rubric library the set comes from; null for the project's own sets.</summary>
    public string? Source { get; init; }

    /// <summary>The set's file name, followed by the library it comes from if any: how diagnostics name it.</summary>
    public string Origin => Source is null ? FileName : $"{FileName} of the rubric library {Source}";
}
