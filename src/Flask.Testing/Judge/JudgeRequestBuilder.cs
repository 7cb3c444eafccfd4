using System;
using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// The one way from a data-set instance and a response to a <see cref="JudgeRequest"/>, for every caller (the test
/// extension, <c>dotnet flask bench</c> and its dry run, <see cref="FlaskEvaluator"/>): the instruction and reference
/// answer as given, the skills asked for first and then the instance's own (each once), and the instance rubrics keyed
/// by the id of the skill they name.
/// </summary>
public static class JudgeRequestBuilder
{
    /// <summary>The request that judges <paramref name="response"/> to <paramref name="instance"/>.</summary>
    /// <param name="instance">What was asked, its reference answer, its skills and its instance rubrics.</param>
    /// <param name="response">The response to judge.</param>
    /// <param name="catalog">Where the instance's skill names and rubric keys (ids, names or aliases) are looked up.</param>
    /// <param name="skills">Skills to judge before the instance's own (a test's <c>[FlaskSkill]</c>s); null for none.</param>
    /// <param name="label">What the request is for, in messages; null names the instance and where it was read.</param>
    /// <exception cref="KeyNotFoundException">A skill of the instance is not in <paramref name="catalog"/> (the message suggests the closest).</exception>
    /// <exception cref="ArgumentException">There is no skill to judge, or an instance rubric names a skill that is not judged.</exception>
    public static JudgeRequest Build(FlaskInstance instance, string response, SkillCatalog catalog, IEnumerable<Skill>? skills = null, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(catalog);
        var judged = new List<Skill>();
        foreach (Skill skill in (skills ?? []).Concat(instance.Skills.Select(catalog.Get)))
        {
            if (!judged.Contains(skill))
                judged.Add(skill);
        }
        if (judged.Count == 0)
            throw new ArgumentException($"{label ?? Describe(instance)} has no skills to judge.", nameof(instance));
        var rubrics = new Dictionary<string, InstanceRubric>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, InstanceRubric> rubric in instance.Rubrics)
        {
            // Loud: a rubric the judge would never see is a mistake in the data, not something to drop.
            if (catalog.Find(rubric.Key) is not { } skill || !judged.Contains(skill))
                throw new ArgumentException(
                    $"{label ?? Describe(instance)} has a rubric for '{rubric.Key}', which is not one of the skills judged ({string.Join(", ", judged.Select(s => s.Id))})" +
                    (ClosestMatch.Find(rubric.Key, judged.Select(s => s.Id)) is { } near ? $": did you mean '{near}'?" : "."), nameof(instance));
            if (!rubrics.TryAdd(skill.Id, rubric.Value))
                throw new ArgumentException($"{label ?? Describe(instance)} has two rubrics for skill '{skill.Id}'.", nameof(instance));
        }
        return new JudgeRequest
        {
            Instruction = instance.Instruction,
            Response = response,
            ReferenceAnswer = instance.Reference,
            Skills = judged,
            InstanceRubrics = rubrics,
            Label = label ?? Describe(instance),
        };
    }

    private static string Describe(FlaskInstance instance) =>
        instance.Source.Length == 0 ? $"instance {instance.Id}" : $"instance {instance.Id} ({instance.Source})";
}
