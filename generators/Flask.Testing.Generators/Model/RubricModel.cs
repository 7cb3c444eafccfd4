namespace Flask.Testing.Generators.Model;

/// <summary>A valid rubric: everything the emitters need to write one skill, and nothing from the compilation.</summary>
/// <param name="Id">The skill id, a valid C# identifier.</param>
/// <param name="Name">The display name the judge sees.</param>
/// <param name="Ability">The ability's display name.</param>
/// <param name="Criteria">The criteria text.</param>
/// <param name="Scoring">The descriptions of scores 1 to 5.</param>
/// <param name="Aliases">Other names of the skill.</param>
/// <param name="Description">Optional notes.</param>
/// <param name="FileName">The rubric's file name (not its full path, so generated code is the same on every machine).</param>
/// <param name="IsDefault">Whether this is one of the default FLASK rubrics that a project rubric may replace.</param>
/// <param name="IdLocation">Where the id is written, for diagnostics about the skill as a whole.</param>
internal sealed record RubricModel(
    string Id,
    string Name,
    string Ability,
    string Criteria,
    EquatableArray<string> Scoring,
    EquatableArray<string> Aliases,
    string? Description,
    string FileName,
    bool IsDefault,
    LocationInfo IdLocation)
{
    /// <summary>
    /// The package id of the rubric library the rubric comes from; null for the project's own rubrics and the defaults.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>The rubric's file name, followed by the library it comes from if any: how diagnostics name it.</summary>
    public string Origin => Source is null ? FileName : $"{FileName} of the rubric library {Source}";
}
