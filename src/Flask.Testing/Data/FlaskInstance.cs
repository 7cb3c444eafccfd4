using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>One instruction of a FLASK-format dataset: what is asked, the reference answer and its FLASK metadata.</summary>
public sealed record FlaskInstance
{
    /// <summary>The instance id (FLASK's <c>idx</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The instruction.</summary>
    public required string Instruction { get; init; }

    /// <summary>The reference answer (FLASK's <c>answer</c>), or null.</summary>
    public string? Reference { get; init; }

    /// <summary>The annotated skills (display names, ids or aliases), most important first.</summary>
    public IReadOnlyList<string> Skills { get; init; } = [];

    /// <summary>The annotated domains; FLASK's "-1" (not annotated) is left out.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>The difficulty label, or null when not annotated (FLASK's -1).</summary>
    public string? Difficulty { get; init; }

    /// <summary>FLASK's source dataset (<c>task</c>), when given.</summary>
    public string? Task { get; init; }

    /// <summary>Instance-specific rubric additions by skill, when given (<c>rubric</c>).</summary>
    public IReadOnlyDictionary<string, InstanceRubric> Rubrics { get; init; } = new Dictionary<string, InstanceRubric>();

    /// <summary>A minimum score for tests (<c>min_score</c>), when given.</summary>
    public double? MinScore { get; init; }

    /// <summary>Where it was read: file and line.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>Whether it is FLASK-HARD material: expert level knowledge (difficulty level 5).</summary>
    public bool IsExpertLevel => FlaskLabels.TryParseDifficulty(Difficulty, out FlaskDifficulty d) && d == FlaskDifficulty.ExpertLevelKnowledge;
}
