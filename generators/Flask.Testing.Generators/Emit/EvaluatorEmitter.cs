using System.Text;
using Flask.Testing.Generators.Model;

namespace Flask.Testing.Generators.Emit;

/// <summary>Writes the evaluator class of one skill, e.g. <c>LogicalRobustnessEvaluator</c>.</summary>
internal static class EvaluatorEmitter
{
    public static string HintName(RubricModel rubric) => $"{rubric.Id}Evaluator.g.cs";

    public static string Emit(SkillToEmit skill)
    {
        RubricModel rubric = skill.Rubric;
        var source = new StringBuilder(CSharp.Header);
        source.Append($$"""

            namespace {{skill.Namespace}}
            {
                /// <summary>
                /// Judges <b>{{CSharp.Doc(rubric.Name)}}</b> ({{CSharp.Doc(rubric.Ability)}}): {{CSharp.Doc(rubric.Criteria)}}
                /// </summary>
                /// <remarks>Generated from the rubric <c>{{CSharp.Doc(rubric.FileName)}}</c>. The skill is <see cref="global::{{skill.Namespace}}.FlaskSkills.{{rubric.Id}}"/>.</remarks>
                [global::System.CodeDom.Compiler.GeneratedCode("Flask.Testing.Generators", "1.0.0")]
                internal sealed partial class {{rubric.Id}}Evaluator : global::Flask.Testing.FlaskSkillEvaluator
                {
                    /// <summary>Creates an evaluator for <see cref="global::{{skill.Namespace}}.FlaskSkills.{{rubric.Id}}"/>.</summary>
                    public {{rubric.Id}}Evaluator()
                        : base(global::{{skill.Namespace}}.FlaskSkills.{{rubric.Id}})
                    {
                    }
                }
            }

            """);
        return source.ToString();
    }
}
