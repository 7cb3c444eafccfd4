namespace Flask.Testing;

/// <summary>One run's mean of one skill in a <see cref="RunTrend"/>.</summary>
/// <param name="Run">The run's id.</param>
/// <param name="Mean">The mean of the run's scores of the skill; null when the run has none (a gap, never a zero).</param>
/// <param name="Count">How many scores the mean is over (0 for a gap).</param>
public sealed record TrendPoint(long Run, double? Mean, int Count);
