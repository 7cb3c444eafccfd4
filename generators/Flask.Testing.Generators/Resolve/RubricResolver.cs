using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flask.Testing.Generators.Diagnostics;
using Flask.Testing.Generators.Model;

namespace Flask.Testing.Generators.Resolve;

/// <summary>
/// Settles the project's rubrics into one skill set: a project rubric replaces a rubric library's or a default FLASK
/// rubric with the same id, a library's rubric replaces a default one, two project rubrics (or two of one library) with
/// one id are an error (FLASK006), as are two libraries with one id (FLASK013), and no two skills may share a name or alias.
/// </summary>
internal static class RubricResolver
{
    /// <summary>FLASK's skills in the paper's order; the catalog lists them first, in this order.</summary>
    private static readonly string[] FlaskOrder =
    [
        "LogicalRobustness", "LogicalCorrectness", "LogicalEfficiency",
        "Factuality", "CommonsenseUnderstanding",
        "Comprehension", "Insightfulness", "Completeness", "Metacognition",
        "Conciseness", "Readability", "Harmlessness",
    ];

    public static RubricSet Resolve(ImmutableArray<ParsedRubric> parsed)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var chosen = new List<RubricModel>();

        // Files come in an order the build decides; sorting by path makes the result the same on every machine.
        var rubrics = parsed.Select(p => p.Rubric).OfType<RubricModel>()
            .OrderBy(r => r.IdLocation.FilePath, StringComparer.Ordinal);
        // Ids are one id when their lookup keys are equal (case, '_' and invisible formatting characters aside): the
        // catalog could not tell them apart, and C# or the file system (hint names) might not either.
        foreach (var group in rubrics.GroupBy(r => Flask.Testing.SkillKey.Normalize(r.Id), StringComparer.Ordinal))
        {
            // Three tiers: the project's own rubrics replace those of rubric libraries, and both replace the defaults.
            RubricModel[] project = group.Where(r => !r.IsDefault && r.Source is null).ToArray();
            RubricModel[] libraries = group.Where(r => r.Source is not null).ToArray();
            RubricModel[] defaults = group.Where(r => r.IsDefault && r.Source is null).ToArray();
            RubricModel[] contenders = project.Length > 0 ? project : libraries.Length > 0 ? libraries : defaults;
            RubricModel winner = contenders[0];
            foreach (RubricModel duplicate in contenders.Skip(1))
            {
                // Two packages with one skill: neither may silently win; the project chooses by defining the skill itself.
                if (duplicate.Source is not null && winner.Source is not null && duplicate.Source != winner.Source)
                    diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.LibraryConflict, duplicate.IdLocation, duplicate.Id, duplicate.Source, duplicate.FileName, winner.Source, winner.FileName));
                else
                    diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.DuplicateId, duplicate.IdLocation, duplicate.Id, winner.Origin));
            }
            IEnumerable<RubricModel> replaced = (project.Length > 0 ? libraries : []).Concat(contenders == defaults ? [] : defaults);
            foreach (RubricModel old in replaced)
            {
                diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.ReplacesDefault, winner.IdLocation, winner.Id, winner.Origin,
                    old.IsDefault ? $"the default FLASK rubric {old.FileName}" : $"the rubric {old.Origin}"));
            }
            chosen.Add(winner);
        }

        RubricModel[] ordered = chosen.OrderBy(AbilityRank).ThenBy(SkillRank).ThenBy(r => r.Ability, StringComparer.Ordinal)
            .ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();
        CheckNames(ordered, diagnostics);
        return new RubricSet(ordered.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static void CheckNames(IEnumerable<RubricModel> skills, List<DiagnosticInfo> diagnostics)
    {
        var owners = new Dictionary<string, RubricModel>(StringComparer.Ordinal);
        foreach (RubricModel skill in skills)
        {
            foreach (string name in new[] { skill.Id, skill.Name }.Concat(skill.Aliases))
            {
                string key = Flask.Testing.SkillKey.Normalize(name);
                if (owners.TryGetValue(key, out RubricModel? owner) && owner.Id != skill.Id)
                    diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.AmbiguousName, skill.IdLocation, name, owner.Id, skill.Id));
                else
                    owners[key] = skill;
            }
        }
    }

    private static int AbilityRank(RubricModel rubric)
    {
        int index = Array.FindIndex(Flask.Testing.FlaskAbilityNames.All, a => Flask.Testing.SkillKey.Normalize(a) == Flask.Testing.SkillKey.Normalize(rubric.Ability));
        return index < 0 ? Flask.Testing.FlaskAbilityNames.All.Length : index;
    }

    private static int SkillRank(RubricModel rubric)
    {
        int index = Array.IndexOf(FlaskOrder, rubric.Id);
        return index < 0 ? FlaskOrder.Length : index;
    }
}
