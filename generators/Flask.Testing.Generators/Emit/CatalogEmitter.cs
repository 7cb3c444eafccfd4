using System.Linq;
using System.Text;
using Flask.Testing.Generators.Model;

namespace Flask.Testing.Generators.Emit;

/// <summary>Writes <c>FlaskSkills</c> (the skill catalog) and <c>FlaskSkillIds</c> (constants for attribute arguments).</summary>
internal static class CatalogEmitter
{
    public const string HintName = "FlaskSkills.g.cs";

    public static string Emit(EquatableArray<RubricModel> skills, string ns)
    {
        var source = new StringBuilder(CSharp.Header);
        source.Append($$"""

            [assembly: global::Flask.Testing.SkillCatalogAttribute(typeof(global::{{ns}}.FlaskSkills))]

            namespace {{ns}}
            {
                /// <summary>The skills of this project's rubrics, found by id, display name or alias.</summary>
                [global::System.CodeDom.Compiler.GeneratedCode("Flask.Testing.Generators", "1.0.0")]
                internal static partial class FlaskSkills
                {
            """);
        foreach (RubricModel skill in skills)
        {
            source.Append($$"""

                        /// <summary><b>{{CSharp.Doc(skill.Name)}}</b> ({{CSharp.Doc(skill.Ability)}}): {{CSharp.Doc(skill.Criteria)}}</summary>
                        /// <remarks>From the rubric <c>{{CSharp.Doc(skill.FileName)}}</c>{{(skill.Source is null ? string.Empty : $" of the rubric library <c>{CSharp.Doc(skill.Source)}</c>")}}.</remarks>
                        public static global::Flask.Testing.Skill {{CSharp.Identifier(skill.Id)}} { get; } = new global::Flask.Testing.Skill(
                            id: {{CSharp.Literal(skill.Id)}},
                            name: {{CSharp.Literal(skill.Name)}},
                            ability: {{CSharp.Ability(skill.Ability)}},
                            criteria: {{CSharp.Literal(skill.Criteria)}},
                            scoring: new global::Flask.Testing.ScoringRubric(
                                {{string.Join(",\n                ", skill.Scoring.Select(CSharp.Literal))}}),
                            aliases: {{(skill.Aliases.Count == 0 ? "global::System.Array.Empty<string>()" : $"new string[] {{ {string.Join(", ", skill.Aliases.Select(CSharp.Literal))} }}")}},
                            description: {{(skill.Description is null ? "null" : CSharp.Literal(skill.Description))}});

                """);
        }
        source.Append($$"""

                    /// <summary>All skills of the project's rubrics: FLASK's in the paper's order, then the team's own by ability and id.</summary>
                    public static global::Flask.Testing.SkillCatalog Catalog { get; } = new global::Flask.Testing.SkillCatalog(new global::Flask.Testing.Skill[]
                    {
                        {{string.Join(",\n            ", skills.Select(s => CSharp.Identifier(s.Id)))}}{{(skills.Count > 0 ? "," : string.Empty)}}
                    });

                    /// <summary>All skills of the project's rubrics, in catalog order.</summary>
                    public static global::System.Collections.Generic.IReadOnlyList<global::Flask.Testing.Skill> All => Catalog;

                    /// <summary>The skill with this id, display name or alias (ignoring case, spaces, <c>_</c> and <c>-</c>), or null.</summary>
                    public static global::Flask.Testing.Skill? Find(string idNameOrAlias) => Catalog.Find(idNameOrAlias);

                    /// <summary>The skill with this id, display name or alias; throws with the closest id when there is none.</summary>
                    public static global::Flask.Testing.Skill Get([global::Flask.Testing.SkillId] string idNameOrAlias) => Catalog.Get(idNameOrAlias);

                    /// <summary>The skills of one ability, in catalog order.</summary>
                    public static global::System.Collections.Generic.IReadOnlyList<global::Flask.Testing.Skill> InAbility(global::Flask.Testing.Ability ability) => Catalog.InAbility(ability);
                }

                /// <summary>The skill ids as constants, for attribute arguments such as <c>[FlaskSkill(FlaskSkillIds.Factuality)]</c>.</summary>
                [global::System.CodeDom.Compiler.GeneratedCode("Flask.Testing.Generators", "1.0.0")]
                internal static class FlaskSkillIds
                {
            """);
        foreach (RubricModel skill in skills)
        {
            source.Append($$"""

                        /// <summary>The id of <see cref="global::{{ns}}.FlaskSkills.{{CSharp.Identifier(skill.Id)}}"/> ({{CSharp.Doc(skill.Name)}}).</summary>
                        public const string {{CSharp.Identifier(skill.Id)}} = {{CSharp.Literal(skill.Id)}};

                """);
        }
        source.Append("""
                }
            }

            """);
        return source.ToString();
    }
}
