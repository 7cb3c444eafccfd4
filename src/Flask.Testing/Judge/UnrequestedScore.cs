using System.Text.Json.Serialization;

namespace Flask.Testing;

/// <summary>
/// A score the judge gave in its score dictionary under a key that names none of the requested skills (say
/// <c>'Completeness': 4</c> when only Factuality, Readability and Conciseness were asked for). FLASK's aggregation counts
/// such a score under the key's skill; here it is kept apart from the requested skills and out of their averages.
/// </summary>
/// <param name="Key">The key as the judge wrote it (<c>_</c> read as a space, as FLASK reads it).</param>
/// <param name="Status">Scored or N/A (values that are not scores are not kept).</param>
/// <param name="Score">The score, when scored (1..5; other values are not kept).</param>
/// <param name="Judge">The judge model (or panel member name) that gave it.</param>
/// <param name="Sample">The sample number, from 1.</param>
public sealed record UnrequestedScore(string Key, [property: JsonRequired] SkillScoreStatus Status, double? Score, string Judge, int Sample);
