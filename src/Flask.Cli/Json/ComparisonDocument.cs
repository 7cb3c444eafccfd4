using System.Collections.Generic;
using Flask.Testing;

namespace Flask.Cli.Json;

/// <summary><c>dotnet flask compare --format json</c>: the gate's verdict and every test in one of the comparison's buckets.</summary>
internal sealed record ComparisonDocument(
    string Before,
    string After,
    IReadOnlyList<string> Incomplete,
    bool Passed,
    IReadOnlyList<SkillComparison> Skills,
    IReadOnlyList<string> TooFewPairs,
    BaselinePairing? Pairing,
    IReadOnlyList<ComparisonChange> Changes,
    int Unchanged,
    IReadOnlyList<string> OnlyBefore,
    IReadOnlyList<string> OnlyAfter,
    IReadOnlyList<string> NotCompared);

/// <summary>One test whose scores moved, in <see cref="ComparisonDocument"/>.</summary>
internal sealed record ComparisonChange(string Id, ChangeKind Kind, double LargestDrop, IReadOnlyList<SkillMove> Moves, ScoredResponse Before, ScoredResponse After);
