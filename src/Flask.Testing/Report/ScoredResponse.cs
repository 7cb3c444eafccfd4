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

    /// <summary>The reference answer the judge was given, when there was one (reports show it beside the response).</summary>
    public string? Reference { get; init; }

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

    /// <summary>
    /// The judge's review, kept once: the feedback of every skill without a section of its own in the review (those
    /// skills have no <see cref="ScoredSkill.Feedback"/>). Null when no two skills share their feedback.
    /// </summary>
    public string? Review { get; init; }

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

    /// <summary>The feedback the judge gave <paramref name="skill"/>: its own, else the shared <see cref="Review"/>.</summary>
    public string FeedbackOf(ScoredSkill skill)
    {
        ArgumentNullException.ThrowIfNull(skill);
        return skill.Feedback ?? Review ?? string.Empty;
    }

    /// <summary>A record of <paramref name="result"/> with the minimums the test required.</summary>
    public static ScoredResponse From(string id, JudgeResult result, IReadOnlyDictionary<string, double>? minScores = null)
    {
        ScoredSkill[] skills = [.. result.Scores.Select(s => ScoredSkill.From(s, minScores is not null && minScores.TryGetValue(s.Skill.Id, out double m) ? m : null))];
        // A review without a section per skill is every skill's feedback: written once, not once per skill (a long
        // review would otherwise be copied up to twelve times into every results line).
        string? review = skills.Where(s => s.Feedback is { Length: > 0 }).GroupBy(s => s.Feedback!, StringComparer.Ordinal)
            .Where(g => g.Count() > 1).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        if (review is not null)
            skills = [.. skills.Select(s => string.Equals(s.Feedback, review, StringComparison.Ordinal) ? s with { Feedback = null } : s)];
        return new()
        {
            Id = id,
            Instruction = result.Request.Instruction,
            Response = result.Request.Response,
            Reference = result.Request.ReferenceAnswer,
            Skills = skills,
            Review = review,
            Unrequested = result.Unrequested.Count > 0 ? result.Unrequested : null,
            JudgeModel = result.JudgeModel,
            InputTokens = result.InputTokens,
            OutputTokens = result.OutputTokens,
            LatencyMs = Math.Round(result.Latency.TotalMilliseconds, 3),
            CacheHit = result.CacheHit,
        };
    }
}
