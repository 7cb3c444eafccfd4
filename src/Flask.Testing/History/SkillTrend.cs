using System.Collections.Generic;

namespace Flask.Testing;

/// <summary>One skill over the runs of a <see cref="RunTrend"/>.</summary>
/// <param name="Id">The skill id.</param>
/// <param name="Name">Its display name (the id for a skill the catalog does not know).</param>
/// <param name="Points">One per run of the trend, in the trend's order (oldest first).</param>
/// <param name="Baseline">The mean of the skill's scores in the gate's baseline, when one was given and scores the skill.</param>
public sealed record SkillTrend(string Id, string Name, IReadOnlyList<TrendPoint> Points, double? Baseline);
