using System.Collections.Generic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Flask.Testing;

/// <summary>
/// What a FLASK evaluation needs beyond the conversation: the reference answer and instance-specific rubrics.
/// Pass it as additional context to <see cref="FlaskEvaluator.EvaluateAsync"/>.
/// </summary>
public sealed class FlaskEvaluationContext : EvaluationContext
{
    /// <summary>The context's name in evaluation results.</summary>
    public const string ContextName = "FLASK instance";

    /// <summary>Creates the context.</summary>
    /// <param name="referenceAnswer">The reference answer; null to judge without one.</param>
    /// <param name="instanceRubrics">Instance-specific rubric additions, by skill id.</param>
    /// <param name="label">What is judged (a test name, a dataset id), for messages.</param>
    public FlaskEvaluationContext(string? referenceAnswer = null, IReadOnlyDictionary<string, InstanceRubric>? instanceRubrics = null, string? label = null)
        : base(ContextName, referenceAnswer ?? string.Empty)
    {
        ReferenceAnswer = referenceAnswer;
        InstanceRubrics = instanceRubrics ?? new Dictionary<string, InstanceRubric>();
        Label = label;
    }

    /// <summary>The reference answer, or null.</summary>
    public string? ReferenceAnswer { get; }

    /// <summary>Instance-specific rubric additions, by skill id.</summary>
    public IReadOnlyDictionary<string, InstanceRubric> InstanceRubrics { get; }

    /// <summary>What is judged, for messages.</summary>
    public string? Label { get; }
}
