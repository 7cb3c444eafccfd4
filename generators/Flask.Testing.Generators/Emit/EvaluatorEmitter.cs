using System.Text;
using Flask.Testing.Generators.Model;

namespace Flask.Testing.Generators.Emit;

/// <summary>Writes the evaluator class of one skill, e.g. <c>LogicalRobustnessEvaluator</c>.</summary>
internal static class EvaluatorEmitter
{
    /// <summary>
    /// The file name of the evaluator's source: ASCII letters and digits as they are, <c>_</c> as <c>__</c>, any other
    /// character as <c>_uXXXX</c>. The encoding is one-to-one and the resolver lets no two ids that differ only by case
    /// through, so hint names (compared ignoring case) never collide.
    /// </summary>
    public static string HintName(RubricModel rubric) => HintName(rubric.Id, "Evaluator.g.cs");

    /// <summary>The file name of a source named after <paramref name="name"/>, encoded as above, then <paramref name="suffix"/>.</summary>
    public static string HintName(string name, string suffix)
    {
        var hint = new StringBuilder(name.Length + 16);
        foreach (char c in name)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9'))
                hint.Append(c);
            else if (c == '_')
                hint.Append("__");
            else
                hint.Append("_u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
        }
        return hint.Append(suffix).ToString();
    }

    public static string Emit(SkillToEmit skill)
    {
        RubricModel rubric = skill.Rubric;
        string id = CSharp.Identifier(rubric.Id);
        var source = new StringBuilder(CSharp.Header);
        source.Append($$"""

            namespace {{skill.Namespace}}
            {
                /// <summary>
                /// Judges <b>{{CSharp.Doc(rubric.Name)}}</b> ({{CSharp.Doc(rubric.Ability)}}): {{CSharp.Doc(rubric.Criteria)}}
                /// </summary>
                /// <remarks>Generated from the rubric <c>{{CSharp.Doc(rubric.FileName)}}</c>{{(rubric.Source is null ? string.Empty : $" of the rubric library <c>{CSharp.Doc(rubric.Source)}</c>")}}. The skill is <see cref="global::{{skill.Namespace}}.FlaskSkills.{{id}}"/>.</remarks>
                [global::System.CodeDom.Compiler.GeneratedCode("Flask.Testing.Generators", "1.0.0")]
                internal sealed partial class {{id}}Evaluator : global::Flask.Testing.FlaskSkillEvaluator
                {
                    /// <summary>The name of this evaluator's metric in an <c>EvaluationResult</c>: the skill's display name.</summary>
                    public const string {{id}}MetricName = {{CSharp.Literal(rubric.Name)}};

                    /// <summary>Creates an evaluator for <see cref="global::{{skill.Namespace}}.FlaskSkills.{{id}}"/>.</summary>
                    public {{id}}Evaluator()
                        : base(global::{{skill.Namespace}}.FlaskSkills.{{id}})
                    {
                    }
                }
            }

            """);
        return source.ToString();
    }
}
