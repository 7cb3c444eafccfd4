using System.Collections.Generic;

namespace Flask.Testing.Analysis;

/// <summary>
/// FLASK's fine-grained analysis of one model's run (<see cref="FlaskAnalysis"/>). The JSON form of
/// <c>dotnet flask report --format json</c> and of a test run's <c>summary.json</c> (docs/results.md).
/// </summary>
public sealed record ModelAnalysis
{
    /// <summary>The model: the results' <c>model</c>, else the results file's name without extension.</summary>
    public required string Model { get; init; }

    /// <summary>Judged responses.</summary>
    public required int Responses { get; init; }

    /// <summary>(Response, skill) pairs the judge found N/A: counted, left out of every mean.</summary>
    public required int NotApplicable { get; init; }

    /// <summary>(Response, skill) pairs without a usable score: counted, left out of every mean.</summary>
    public required int JudgeErrors { get; init; }

    /// <summary>Scores (and N/As) the judge gave for skills not requested, kept in the results' <c>unrequested</c>.</summary>
    public int Unrequested { get; init; }

    /// <summary>Whether those scores are in the averages (<c>--include-unrequested</c>, FLASK's aggregation).</summary>
    public bool UnrequestedAveraged { get; init; }

    /// <summary>Per skill, in catalog order (skills the catalog does not know after them), with N/A, judge-error and below-minimum counts.</summary>
    public required IReadOnlyList<GroupScore> Skills { get; init; }

    /// <summary>Per ability, in catalog order.</summary>
    public required IReadOnlyList<GroupScore> Abilities { get; init; }

    /// <summary>Per FLASK domain (a response in two domains counts in both).</summary>
    public required IReadOnlyList<GroupScore> Domains { get; init; }

    /// <summary>Per FLASK difficulty level, 1 to 5.</summary>
    public required IReadOnlyList<GroupScore> Difficulties { get; init; }

    /// <summary>Per skill and difficulty level (key "skill|level").</summary>
    public required IReadOnlyList<GroupScore> SkillByDifficulty { get; init; }

    /// <summary>Per skill, over the results whose instance is annotated expert level knowledge (difficulty 5).</summary>
    public required IReadOnlyList<GroupScore> Hard { get; init; }

    /// <summary>
    /// What the judge's tokens cost at the price table (docs/cli.md, Cost): "$0.42", or per judge model without a price
    /// its tokens and "no price for model X". Null where no price table was applied (the analysis alone has none);
    /// set in a test run's summary and by <c>dotnet flask report</c>.
    /// </summary>
    public string? Cost { get; init; }

    /// <summary>The cost in US dollars when every judge model of the run has a price; null when one has none (then
    /// <see cref="Cost"/> names it and its tokens) or no price table was applied.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>The lowest-scored responses, for a look at what went wrong.</summary>
    public required IReadOnlyList<ScoredResponse> Lowest { get; init; }
}
