using System;
using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing;

/// <summary>The outcome of one judge request: a score per skill, the prompt, and every review the judge wrote.</summary>
public sealed record JudgeResult
{
    /// <summary>The request that was judged.</summary>
    public required JudgeRequest Request { get; init; }

    /// <summary>The prompt the judge was sent.</summary>
    public required ReviewPrompt Prompt { get; init; }

    /// <summary>One entry per requested skill, in request order.</summary>
    public required IReadOnlyList<SkillScore> Scores { get; init; }

    /// <summary>Every answer the judge gave, including those asked again after a judge error.</summary>
    public required IReadOnlyList<JudgeReview> Reviews { get; init; }

    /// <summary>
    /// Scores the judge's dictionary gave under keys that name none of the requested skills, per judge and sample (the
    /// first attempt that gave a key wins). Not part of <see cref="Scores"/> nor of any average of the requested skills.
    /// </summary>
    public IReadOnlyList<UnrequestedScore> Unrequested { get; init; } = [];

    /// <summary>The judge model(s), comma-separated for a panel.</summary>
    public string JudgeModel => Reviews.Count > 0 && AllByOneJudge() ? Reviews[0].Judge ?? string.Empty : string.Join(", ", Reviews.Select(r => r.Judge).Distinct());

    // One judge wrote every review (no panel): its name is the answer, without a set to find the distinct names.
    private bool AllByOneJudge()
    {
        for (int i = 1; i < Reviews.Count; i++)
        {
            if (!string.Equals(Reviews[i].Judge, Reviews[0].Judge, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    /// <summary>Prompt tokens over all reviews, as reported by the judge.</summary>
    public long InputTokens => Reviews.Sum(r => r.InputTokens ?? 0);

    /// <summary>Output tokens over all reviews, as reported by the judge.</summary>
    public long OutputTokens => Reviews.Sum(r => r.OutputTokens ?? 0);

    /// <summary>What the response cache had to report while answering (an unreadable entry, a failed write), one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Wall time of the whole request.</summary>
    public TimeSpan Latency { get; init; }

    /// <summary>Whether every review came from the response cache (no judge call was made).</summary>
    public bool CacheHit => Reviews.Count > 0 && Reviews.All(r => r.CacheHit);

    /// <summary>Whether any skill is a judge error.</summary>
    public bool HasJudgeErrors => Scores.Any(s => s.Status == SkillScoreStatus.JudgeError);

    /// <summary>The score of the skill with this id, name or alias.</summary>
    /// <exception cref="KeyNotFoundException">The skill was not part of the request.</exception>
    public SkillScore this[string skill] => Scores.FirstOrDefault(s => s.Skill.IsNamed(skill))
        ?? throw new KeyNotFoundException($"Skill '{skill}' was not judged in this request.");
}
