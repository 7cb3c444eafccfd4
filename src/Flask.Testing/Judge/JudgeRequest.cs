using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>What the judge is asked about: one response to one instruction, on one to twelve skills, in one call.</summary>
public sealed record JudgeRequest
{
    /// <summary>The instruction (FLASK's "question") the response answers.</summary>
    public required string Instruction { get; init; }

    /// <summary>The response to judge.</summary>
    public required string Response { get; init; }

    /// <summary>A reference ("ground truth") answer; when given, FLASK's with-reference prompt is used.</summary>
    public string? ReferenceAnswer { get; init; }

    /// <summary>The skills to score, in the order the judge sees them (FLASK uses an instance's 3 annotated skills).</summary>
    public required IReadOnlyList<Skill> Skills { get; init; }

    /// <summary>Instance-specific rubric additions, by skill id.</summary>
    public IReadOnlyDictionary<string, InstanceRubric> InstanceRubrics { get; init; } = new Dictionary<string, InstanceRubric>();

    /// <summary>What the request is for (a test name, a dataset id), used in messages such as a replay-cache miss.</summary>
    public string? Label { get; init; }
}
