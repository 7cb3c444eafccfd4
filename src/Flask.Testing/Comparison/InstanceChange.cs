using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing;

/// <summary>One test (or instance) whose scores moved between two runs: which skills, why, and both results whole.</summary>
/// <param name="Id">The test or instance id.</param>
/// <param name="Kind">What changed: the response, the judge, or only the judge's score.</param>
/// <param name="Moves">The skills whose score moved, largest drop first.</param>
/// <param name="Before">The result in the first run (its response and review).</param>
/// <param name="After">The result in the second run.</param>
public sealed record InstanceChange(string Id, ChangeKind Kind, IReadOnlyList<SkillMove> Moves, ScoredResponse Before, ScoredResponse After)
{
    /// <summary>The most negative change of any skill (a rise when none dropped).</summary>
    public double LargestDrop => Moves.Min(m => m.Change);
}
