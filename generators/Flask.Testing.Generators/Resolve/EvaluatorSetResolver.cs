using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flask.Testing.Generators.Diagnostics;
using Flask.Testing.Generators.Model;

namespace Flask.Testing.Generators.Resolve;

/// <summary>
/// Settles the project's evaluator sets against its skills: every skill a set names must be one of the project's (by id,
/// name or alias, as the catalog finds them), at most once per set; set names are unique and are no skill's id (both
/// generate <c>&lt;Name&gt;Evaluator</c>). A set with a problem is reported and not generated.
/// </summary>
internal static class EvaluatorSetResolver
{
    /// <summary>The members every generated scores class has; a skill property of the same name would hide one.</summary>
    private static readonly string[] ScoresMembers = ["Passed", "Result", "Skills", "Get", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals"];

    /// <param name="parsed">The project's evaluator set files, read.</param>
    /// <param name="rubrics">The project's skills.</param>
    /// <param name="rubricsComplete">False when a rubric is broken: its skill is then not "unknown", so unknown skills are not reported yet.</param>
    public static EvaluatorSetResolution Resolve(ImmutableArray<ParsedEvaluatorSet> parsed, RubricSet rubrics, bool rubricsComplete)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var sets = new List<EvaluatorSetModel>();
        var skillsByKey = new Dictionary<string, RubricModel>(StringComparer.Ordinal);
        foreach (RubricModel skill in rubrics.Skills)
        {
            foreach (string name in new[] { skill.Id, skill.Name }.Concat(skill.Aliases))
            {
                string key = SkillKey.Normalize(name);
                if (!skillsByKey.ContainsKey(key))
                    skillsByKey[key] = skill;
            }
        }
        string[] ids = rubrics.Skills.Select(s => s.Id).ToArray();
        var setNames = new Dictionary<string, EvaluatorSetModel>(StringComparer.Ordinal);

        // Files come in an order the build decides; sorting by path makes the result the same on every machine.
        foreach (EvaluatorSetModel set in parsed.Select(p => p.Set).OfType<EvaluatorSetModel>().OrderBy(s => s.NameLocation.FilePath, StringComparer.Ordinal))
        {
            string nameKey = SkillKey.Normalize(set.Name);
            if (setNames.TryGetValue(nameKey, out EvaluatorSetModel? first))
            {
                diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.EvaluatorSetDuplicate, set.NameLocation, set.Name, $"is also the name of the evaluator set in {first.Origin}"));
                continue;
            }
            setNames[nameKey] = set;
            bool valid = true;
            if (rubrics.Skills.FirstOrDefault(s => SkillKey.Normalize(s.Id) == nameKey) is { } clash)
            {
                diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.EvaluatorSetDuplicate, set.NameLocation, set.Name,
                    $"is also the id of the skill in {clash.Origin}; both would generate {clash.Id}Evaluator: rename the set"));
                valid = false;
            }
            var resolved = new List<EvaluatorSetSkill>();
            foreach (EvaluatorSetSkill written in set.Skills)
            {
                if (!skillsByKey.TryGetValue(SkillKey.Normalize(written.Skill), out RubricModel? skill))
                {
                    valid = false;
                    if (rubricsComplete)
                    {
                        string? closest = ClosestMatch.Find(written.Skill, ids);
                        diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.EvaluatorSetUnknownSkill, written.Location, set.Name, written.Skill,
                            closest is null ? $"; known skills: {string.Join(", ", ids)}" : $"; did you mean '{closest}'?"));
                    }
                    continue;
                }
                if (resolved.Any(r => r.Skill == skill.Id))
                {
                    diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.EvaluatorSetDuplicate, written.Location, written.Skill,
                        $"names the skill {skill.Id}, which the evaluator set {set.Name} already lists"));
                    valid = false;
                    continue;
                }
                if (Array.IndexOf(ScoresMembers, Emit.CSharp.Identifier(skill.Id)) >= 0)
                {
                    diagnostics.Add(DiagnosticInfo.Create(FlaskDiagnostics.EvaluatorSetDuplicate, written.Location, skill.Id,
                        $"is also a member of every scores class ({string.Join(", ", ScoresMembers)}), so it cannot be a property of {set.Name}Scores"));
                    valid = false;
                    continue;
                }
                resolved.Add(written with { Skill = skill.Id, DisplayName = skill.Name });
            }
            if (valid)
                sets.Add(set with { Skills = resolved.ToEquatableArray() });
        }
        return new EvaluatorSetResolution(sets.ToEquatableArray(), diagnostics.ToEquatableArray());
    }
}
