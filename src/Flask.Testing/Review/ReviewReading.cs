using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>What one review says: a reading per requested skill, and the dictionary's scores for keys naming none of them.</summary>
/// <param name="Skills">One reading per requested skill, in request order.</param>
/// <param name="Unrequested">Key, status and score of each dictionary entry that names no requested skill and reads as a score or N/A.</param>
internal sealed record ReviewReading(IReadOnlyList<SkillReading> Skills, IReadOnlyList<(string Key, SkillScoreStatus Status, double? Score)> Unrequested);
