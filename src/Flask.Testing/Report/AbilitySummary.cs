namespace Flask.Testing;

/// <summary>One ability over a run: the mean over all scored (response, skill) pairs of its skills.</summary>
/// <param name="Name">The ability.</param>
/// <param name="Mean">The mean score; null when none was scored.</param>
/// <param name="Scored">Scored pairs.</param>
public sealed record AbilitySummary(string Name, double? Mean, int Scored);
