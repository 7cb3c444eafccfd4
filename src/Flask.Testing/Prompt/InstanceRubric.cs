using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>
/// An instance-specific addition to one skill's rubric, as FLASK-HARD uses: a checklist of what this particular
/// answer must get right, and/or score descriptions that replace the skill's general ones for this instance.
/// </summary>
public sealed record InstanceRubric
{
    /// <summary>Points the judge checks for this instance, listed under the skill's score descriptions.</summary>
    public IReadOnlyList<string> Checklist { get; init; } = [];

    /// <summary>Descriptions of scores 1 to 5 for this instance, used instead of the skill's; null keeps the skill's.</summary>
    public ScoringRubric? Scoring { get; init; }
}
