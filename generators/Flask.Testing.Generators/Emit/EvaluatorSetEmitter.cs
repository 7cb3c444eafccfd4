using System.Globalization;
using System.Linq;
using System.Text;
using Flask.Testing.Generators.Model;

namespace Flask.Testing.Generators.Emit;

/// <summary>Writes an evaluator set's two classes, e.g. <c>SupportAnswerEvaluator</c> and its typed result <c>SupportAnswerScores</c>.</summary>
internal static class EvaluatorSetEmitter
{
    /// <summary>The file name of the set's source; sets and skills never share one (a set may not be named as a skill).</summary>
    public static string HintName(EvaluatorSetModel set) => EvaluatorEmitter.HintName(set.Name, ".EvaluatorSet.g.cs");

    public static string Emit(EvaluatorSetToEmit toEmit)
    {
        EvaluatorSetModel set = toEmit.Set;
        string ns = toEmit.Namespace;
        string name = set.Name;
        string skillList = string.Join(", ", set.Skills.Select(s => $"{CSharp.Doc(s.DisplayName)} (minimum {Number(s.MinScore)})"));
        var source = new StringBuilder(CSharp.Header);
        source.Append($$"""

            namespace {{ns}}
            {
                /// <summary>
                /// Judges the evaluator set <b>{{name}}</b> in one FLASK judge call: {{skillList}}.{{(set.RequiresReference ? " A reference answer is required." : string.Empty)}}
                /// </summary>
                /// <remarks>Generated from the evaluator set <c>{{CSharp.Doc(set.FileName)}}</c>{{(set.Source is null ? string.Empty : $" of the rubric library <c>{CSharp.Doc(set.Source)}</c>")}}.{{(set.Description is null ? string.Empty : " " + CSharp.Doc(set.Description))}}</remarks>
                [global::System.CodeDom.Compiler.GeneratedCode("Flask.Testing.Generators", "1.0.0")]
                internal sealed partial class {{name}}Evaluator : global::Flask.Testing.FlaskSetEvaluator<global::{{ns}}.{{name}}Scores>
                {
                    /// <summary>The set's name, as written in its file.</summary>
                    public const string SetName = {{CSharp.Literal(name)}};

            """);
        foreach (EvaluatorSetSkill skill in set.Skills)
        {
            string id = CSharp.Identifier(skill.Skill);
            source.Append($$"""

                        /// <summary>The name of the metric of <see cref="global::{{ns}}.FlaskSkills.{{id}}"/> in an <c>EvaluationResult</c>.</summary>
                        public const string {{id}}MetricName = {{CSharp.Literal(skill.DisplayName)}};

                """);
        }
        source.Append($$"""

                    /// <summary>The set's evaluator, judging with the judge the <c>FLASK_JUDGE_*</c> settings configure (created at the first judging).</summary>
                    public {{name}}Evaluator()
                        : this(null)
                    {
                    }

                    /// <summary>The set's evaluator, judging with <paramref name="judge"/> (null: the judge the <c>FLASK_JUDGE_*</c> settings configure).</summary>
                    public {{name}}Evaluator(global::Microsoft.Extensions.AI.IChatClient? judge, global::Flask.Testing.FlaskJudgeOptions? options = null)
                        : base(
                            SetName,
                            new global::Flask.Testing.Skill[]
                            {
                                {{string.Join(",\n                    ", set.Skills.Select(s => $"global::{ns}.FlaskSkills.{CSharp.Identifier(s.Skill)}"))}},
                            },
                            new global::System.Collections.Generic.Dictionary<string, double>
                            {
                                {{string.Join(",\n                    ", set.Skills.Select(s => $"[{CSharp.Literal(s.Skill)}] = {Number(s.MinScore)}"))}},
                            },
                            requiresReference: {{(set.RequiresReference ? "true" : "false")}},
                            judge,
                            options)
                    {
                    }

                    /// <inheritdoc/>
                    protected override global::{{ns}}.{{name}}Scores CreateScores(global::Flask.Testing.JudgeResult result) =>
                        new global::{{ns}}.{{name}}Scores(result, MinScores);
                }

                /// <summary>The scores of the evaluator set <b>{{name}}</b>: one property per skill, and whether all passed.</summary>
                [global::System.CodeDom.Compiler.GeneratedCode("Flask.Testing.Generators", "1.0.0")]
                internal sealed class {{name}}Scores : global::Flask.Testing.FlaskScores
                {
                    /// <summary>The scores of <paramref name="result"/> against <paramref name="minScores"/>.</summary>
                    public {{name}}Scores(global::Flask.Testing.JudgeResult result, global::System.Collections.Generic.IReadOnlyDictionary<string, double> minScores)
                        : base(result, minScores)
                    {
                    }

            """);
        foreach (EvaluatorSetSkill skill in set.Skills)
        {
            string id = CSharp.Identifier(skill.Skill);
            source.Append($$"""

                        /// <summary><see cref="global::{{ns}}.FlaskSkills.{{id}}"/>: score, status, feedback and whether it reached its minimum ({{Number(skill.MinScore)}}).</summary>
                        public global::Flask.Testing.ScoredSkill {{id}} => Get({{CSharp.Literal(skill.Skill)}});

                """);
        }
        source.Append("""
                }
            }

            """);
        return source.ToString();
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
