using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// A set of skills found by id, display name or alias (ignoring case, spaces, <c>_</c> and <c>-</c>).
/// The generated <c>FlaskSkills.Catalog</c> holds the skills of a project's rubrics.
/// </summary>
public sealed class SkillCatalog : IReadOnlyList<Skill>
{
    private readonly Skill[] _skills;
    private readonly Dictionary<string, Skill> _byKey = new(StringComparer.Ordinal);

    /// <summary>Creates a catalog of <paramref name="skills"/>, in the order given.</summary>
    /// <exception cref="ArgumentException">Two skills share an id, a name or an alias.</exception>
    public SkillCatalog(IEnumerable<Skill> skills)
    {
        _skills = skills?.ToArray() ?? throw new ArgumentNullException(nameof(skills));
        foreach (Skill skill in _skills)
        {
            foreach (string key in skill.Keys())
            {
                if (_byKey.TryGetValue(key, out Skill? other) && !ReferenceEquals(other, skill))
                    throw new ArgumentException($"Skills '{other.Id}' and '{skill.Id}' are both named '{key}'.", nameof(skills));
                _byKey[key] = skill;
            }
        }
        Abilities = _skills.Select(s => s.Ability).Distinct().ToArray();
    }

    /// <summary>The abilities of the catalog's skills, in the order they first appear.</summary>
    public IReadOnlyList<Ability> Abilities { get; }

    /// <summary>The skill named <paramref name="idNameOrAlias"/>, or null.</summary>
    public Skill? Find(string idNameOrAlias) =>
        _byKey.TryGetValue(SkillKey.Normalize(idNameOrAlias), out Skill? skill) ? skill : null;

    /// <summary>
    /// The skill a key of a judge's score dictionary names, as reviews are read (docs/judge.md): the skill FLASK files
    /// it under (its first word, or second for "Logical …", as in <c>Readability of User Alignment</c>), else the skill
    /// with that id or name written another way, else with that alias; null when none, or two skills, match best.
    /// </summary>
    public Skill? FindByJudgeKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var written = new SkillKey.Written(key);
        var matches = _skills.Select(s => (Skill: s, Match: SkillKey.Match(written, s.KeyNames))).Where(m => m.Match != SkillKeyMatch.None).ToArray();
        if (matches.Length == 0)
            return null;
        SkillKeyMatch best = matches.Min(m => m.Match);
        var claimants = matches.Where(m => m.Match == best).ToArray();
        return claimants.Length == 1 ? claimants[0].Skill : null;
    }

    /// <summary>The skill named <paramref name="idNameOrAlias"/>.</summary>
    /// <exception cref="KeyNotFoundException">No skill has that id, name or alias; the message suggests the closest id.</exception>
    public Skill Get([SkillId] string idNameOrAlias)
    {
        if (Find(idNameOrAlias) is { } skill)
            return skill;
        string? closest = ClosestMatch.Find(idNameOrAlias, _skills.Select(s => s.Id));
        throw new KeyNotFoundException(
            $"No skill '{idNameOrAlias}' in the catalog." +
            (closest is null ? string.Empty : $" Did you mean '{closest}'?") +
            $" Known skills: {string.Join(", ", _skills.Select(s => s.Id))}.");
    }

    /// <summary>The skills of <paramref name="ability"/>, in catalog order.</summary>
    public IReadOnlyList<Skill> InAbility(Ability ability) => _skills.Where(s => s.Ability == ability).ToArray();

    /// <summary>The catalog position of <paramref name="skill"/>, or -1 when it is not in the catalog (for ordering output).</summary>
    public int IndexOf(Skill skill) => Array.IndexOf(_skills, skill);

    /// <summary>The skill at <paramref name="index"/>.</summary>
    public Skill this[int index] => _skills[index];

    /// <summary>The number of skills.</summary>
    public int Count => _skills.Length;

    /// <inheritdoc/>
    public IEnumerator<Skill> GetEnumerator() => ((IEnumerable<Skill>)_skills).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
