using System;
using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// A skill the judge scores from 1 to 5 with a skill-specific rubric, such as FLASK's Logical Robustness.
/// Skills are usually compiled from rubric YAML files into a generated <c>FlaskSkills</c> catalog.
/// </summary>
public sealed class Skill
{
    /// <summary>Creates a skill.</summary>
    /// <param name="id">A C# identifier naming the skill, e.g. <c>LogicalRobustness</c>.</param>
    /// <param name="name">The display name the judge sees, e.g. <c>Logical Robustness</c>.</param>
    /// <param name="ability">The ability the skill belongs to.</param>
    /// <param name="criteria">The question the judge answers about a response for this skill.</param>
    /// <param name="scoring">What each score from 1 to 5 means.</param>
    /// <param name="aliases">Other names a judge may use for the skill.</param>
    /// <param name="description">Notes for people; not sent to the judge.</param>
    /// <exception cref="ArgumentException">A required text is empty.</exception>
    public Skill(string id, string name, Ability ability, string criteria, ScoringRubric scoring,
        IEnumerable<string>? aliases = null, string? description = null)
    {
        Id = Required(id, nameof(id));
        Name = Required(name, nameof(name));
        Ability = ability ?? throw new ArgumentNullException(nameof(ability));
        Criteria = Required(criteria, nameof(criteria));
        Scoring = scoring ?? throw new ArgumentNullException(nameof(scoring));
        Aliases = aliases?.ToArray() ?? [];
        Description = description;
    }

    /// <summary>The identifier, e.g. <c>LogicalRobustness</c>.</summary>
    public string Id { get; }

    /// <summary>The display name the judge sees, e.g. <c>Logical Robustness</c>.</summary>
    public string Name { get; }

    /// <summary>The ability the skill belongs to.</summary>
    public Ability Ability { get; }

    /// <summary>The question the judge answers about a response for this skill.</summary>
    public string Criteria { get; }

    /// <summary>What each score from 1 to 5 means.</summary>
    public ScoringRubric Scoring { get; }

    /// <summary>Other names a judge may use for the skill in its answer.</summary>
    public IReadOnlyList<string> Aliases { get; }

    /// <summary>Notes for people; not sent to the judge.</summary>
    public string? Description { get; }

    /// <summary>Whether <paramref name="idNameOrAlias"/> names this skill (ignoring case, spaces, <c>_</c> and <c>-</c>).</summary>
    public bool IsNamed(string idNameOrAlias)
    {
        string key = SkillKey.Normalize(idNameOrAlias);
        return key.Length > 0 && Keys().Contains(key);
    }

    /// <summary>The id, name and aliases as a judge's keys are matched with them (<see cref="SkillKey.Match(SkillKey.Written, SkillKey.Names)"/>).</summary>
    // Computed on first use and kept: the skill is immutable, and a race computes the same value twice at worst.
    internal SkillKey.Names KeyNames => _keyNames ??= new SkillKey.Names(Id, Name, Aliases);

    private SkillKey.Names? _keyNames;

    /// <summary>The normalized keys under which this skill is found: id, name and aliases.</summary>
    internal IEnumerable<string> Keys() =>
        new[] { Id, Name }.Concat(Aliases).Select(SkillKey.Normalize).Where(k => k.Length > 0).Distinct();

    /// <inheritdoc/>
    public override string ToString() => Name;

    private static string Required(string value, string parameter) => string.IsNullOrWhiteSpace(value)
        ? throw new ArgumentException("The value must not be empty.", parameter)
        : value;
}
