using System;
using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// One judged response, as written to result files by the test extension and the CLI: what was judged, the outcome of
/// each skill, and the judge's cost. The format is documented in docs/results.md.
/// </summary>
public sealed record ScoredResponse
{
    /// <summary>A stable id: the test's full name (with its data row) or the dataset instance id.</summary>
    public required string Id { get; init; }

    /// <summary>The test's display name, when from a test.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The model whose response was judged, when known (CLI runs).</summary>
    public string? Model { get; init; }

    /// <summary>The instruction.</summary>
    public required string Instruction { get; init; }

    /// <summary>The judged response, when kept (the CLI keeps it; reports show it as text).</summary>
    public string? Response { get; init; }

    /// <summary>FLASK domains of the instruction, when annotated.</summary>
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>FLASK difficulty label of the instruction, when annotated.</summary>
    public string? Difficulty { get; init; }

    /// <summary>Each skill's outcome, in the order judged.</summary>
    public required IReadOnlyList<ScoredSkill> Skills { get; init; }

    /// <summary>
    /// Scores the judge gave for skills that were not requested (<see cref="JudgeResult.Unrequested"/>); null when none.
    /// Kept apart from <see cref="Skills"/>: no average of the requested skills counts them.
    /// </summary>
    public IReadOnlyList<UnrequestedScore>? Unrequested { get; init; }

    /// <summary>The judge model(s).</summary>
    public string JudgeModel { get; init; } = string.Empty;

    /// <summary>Prompt tokens used.</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens used.</summary>
    public long OutputTokens { get; init; }

    /// <summary>Judge wall time in milliseconds.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Whether the answer came from the response cache.</summary>
    public bool CacheHit { get; init; }

    /// <summary>A record of <paramref name="result"/> with the minimums the test required.</summary>
    public static ScoredResponse From(string id, JudgeResult result, IReadOnlyDictionary<string, double>? minScores = null) => new()
    {
        Id = id,
        Instruction = result.Request.Instruction,
        Response = result.Request.Response,
        Skills = [.. result.Scores.Select(s => ScoredSkill.From(s, minScores is not null && minScores.TryGetValue(s.Skill.Id, out double m) ? m : null))],
        Unrequested = result.Unrequested.Count > 0 ? result.Unrequested : null,
        JudgeModel = result.JudgeModel,
        InputTokens = result.InputTokens,
        OutputTokens = result.OutputTokens,
        LatencyMs = Math.Round(result.Latency.TotalMilliseconds, 3),
        CacheHit = result.CacheHit,
    };
}
