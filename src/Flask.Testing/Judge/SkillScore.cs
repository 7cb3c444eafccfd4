using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>
/// The result for one skill: the score (the mean over all scored samples), the feedback, and each sample. With one
/// judge and one sample (the default, as FLASK), <see cref="Samples"/> has one entry.
/// </summary>
public sealed record SkillScore
{
    /// <summary>The skill.</summary>
    public required Skill Skill { get; init; }

    /// <summary>Scored when any sample gave a score; N/A when the rest said N/A; judge error when no sample was usable.</summary>
    public required SkillScoreStatus Status { get; init; }

    /// <summary>The mean score over the scored samples; null when N/A or a judge error.</summary>
    public double? Score { get; init; }

    /// <summary>The judge's feedback (of the first usable sample).</summary>
    public string Feedback { get; init; } = string.Empty;

    /// <summary>Why this is a judge error, when it is one.</summary>
    public string? Error { get; init; }

    /// <summary>Every sample's reading, in judge then sample order.</summary>
    public IReadOnlyList<SkillSample> Samples { get; init; } = [];

    /// <summary>The standard deviation of the scored samples' scores; null with fewer than two.</summary>
    public double? Spread { get; init; }

    /// <summary>
    /// With a panel of judges: the share of judge pairs whose scores agree exactly (on each judge's mean score rounded
    /// to the nearest whole score); null with one judge.
    /// </summary>
    public double? Agreement { get; init; }
}
