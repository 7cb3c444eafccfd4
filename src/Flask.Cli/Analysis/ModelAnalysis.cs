using System.Collections.Generic;
using Flask.Testing;

namespace Flask.Cli.Analysis;

/// <summary>FLASK's fine-grained analysis of one model's run. The JSON form of <c>dotnet flask report --format json</c>.</summary>
internal sealed record ModelAnalysis
{
    public required string Model { get; init; }
    public required int Responses { get; init; }
    public required int NotApplicable { get; init; }
    public required int JudgeErrors { get; init; }
    /// <summary>Scores (and N/As) the judge gave for skills not requested, kept in the results' <c>unrequested</c>.</summary>
    public int Unrequested { get; init; }
    /// <summary>Whether those scores are in the averages (<c>--include-unrequested</c>, FLASK's aggregation).</summary>
    public bool UnrequestedAveraged { get; init; }
    public required IReadOnlyList<GroupScore> Skills { get; init; }
    public required IReadOnlyList<GroupScore> Abilities { get; init; }
    public required IReadOnlyList<GroupScore> Domains { get; init; }
    public required IReadOnlyList<GroupScore> Difficulties { get; init; }
    public required IReadOnlyList<GroupScore> SkillByDifficulty { get; init; }
    public required IReadOnlyList<GroupScore> Hard { get; init; }
    /// <summary>The lowest-scored responses, for a look at what went wrong.</summary>
    public required IReadOnlyList<ScoredResponse> Lowest { get; init; }
}
