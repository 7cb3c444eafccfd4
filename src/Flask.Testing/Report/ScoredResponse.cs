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
        // Loops, not LINQ: every judged response is recorded.
        var skills = new ScoredSkill[result.Scores.Count];
        for (int i = 0; i < skills.Length; i++)
        {
            SkillScore score = result.Scores[i];
            skills[i] = ScoredSkill.From(score, minScores is not null && minScores.TryGetValue(score.Skill.Id, out double m) ? m : null);
        }
        // A review without a section per skill is every skill's feedback: written once, not once per skill (a long
        // review would otherwise be copied up to twelve times into every results line).
        string? review = SharedFeedback(skills);
        if (review is not null)
        {
            for (int i = 0; i < skills.Length; i++)
            {
                if (string.Equals(skills[i].Feedback, review, StringComparison.Ordinal))
                    skills[i] = skills[i] with { Feedback = null };
            }
        }
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

    /// <summary>
    /// The non-empty feedback most skills share (two at least), the first written on a tie; null when each skill's is
    /// its own. A scan of a dozen skills at most, not a grouping.
    /// </summary>
    private static string? SharedFeedback(ScoredSkill[] skills)
    {
        string? shared = null;
        int most = 1;
        for (int i = 0; i < skills.Length; i++)
        {
            if (skills[i].Feedback is not { Length: > 0 } feedback || IsWrittenBefore(skills, i, feedback))
                continue;
            int count = 1;
            for (int j = i + 1; j < skills.Length; j++)
                count += string.Equals(skills[j].Feedback, feedback, StringComparison.Ordinal) ? 1 : 0;
            if (count > most)
                (shared, most) = (feedback, count);
        }
        return shared;

        static bool IsWrittenBefore(ScoredSkill[] skills, int index, string feedback)
        {
            for (int j = 0; j < index; j++)
            {
                if (string.Equals(skills[j].Feedback, feedback, StringComparison.Ordinal))
                    return true;
            }
            return false;
        }
    }
}
