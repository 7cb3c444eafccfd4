using System;

namespace Flask.Testing;

/// <summary>One answer of the judge, as received: what was asked is in <see cref="JudgeResult.Prompt"/>.</summary>
/// <param name="Judge">The judge model (or panel member name).</param>
/// <param name="Sample">The sample number, from 1.</param>
/// <param name="Attempt">The attempt for this sample, from 1; more than 1 when the judge was asked again after a judge error.</param>
/// <param name="Text">The review text, raw.</param>
/// <param name="InputTokens">Prompt tokens the judge reported, if it did.</param>
/// <param name="OutputTokens">Output tokens the judge reported, if it did.</param>
/// <param name="Latency">How long the call took (near zero from the cache).</param>
/// <param name="CacheHit">Whether the answer came from the response cache rather than the judge.</param>
public sealed record JudgeReview(string Judge, int Sample, int Attempt, string Text, long? InputTokens, long? OutputTokens, TimeSpan Latency, bool CacheHit)
{
    /// <summary>Whether the judge stopped at its output-token limit: the review's last line is cut and gives no score.</summary>
    public bool Truncated { get; init; }
}
