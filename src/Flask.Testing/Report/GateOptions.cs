using System;
using System.Globalization;

namespace Flask.Testing;

/// <summary>How the regression gate decides that a skill got worse. See docs/statistics.md.</summary>
public sealed record GateOptions
{
    /// <summary>The smallest drop in a skill's mean score that counts (on the 1..5 scale): 0 or more and below 4. Default 0.25.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Below 0, not a number, or 4 or more (a gate that could fail on nothing less than every score from 5 to 1).</exception>
    public double Tolerance
    {
        get;
        init => field = double.IsFinite(value) && value >= 0 && value < LargestDrop
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, string.Create(CultureInfo.InvariantCulture,
                $"The gate's tolerance must be 0 or more and below {LargestDrop} score points ({LargestDrop} is the largest drop there is, every score from {ScoringRubric.MaxScore} to {ScoringRubric.MinScore})."));
    } = 0.25;

    /// <summary>The largest drop a mean can make on the score scale (every score from 5 to 1): the settings refuse a tolerance this large.</summary>
    internal const int LargestDrop = ScoringRubric.MaxScore - ScoringRubric.MinScore;

    /// <summary>The confidence of the bootstrap interval. Default 0.95.</summary>
    public double Confidence { get; init; } = 0.95;

    /// <summary>Bootstrap resamples. Default 10,000.</summary>
    public int Resamples { get; init; } = 10_000;

    /// <summary>The fewest paired tests a skill needs before the gate judges it. Default 3.</summary>
    public int MinPairs { get; init; } = 3;

    /// <summary>The random seed, fixed so that the same scores always give the same verdict.</summary>
    public int Seed { get; init; } = 20230718;
}
