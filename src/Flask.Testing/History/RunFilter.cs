namespace Flask.Testing;

/// <summary>Which runs <see cref="RunStore.List"/> returns; every criterion left null matches every run.</summary>
public sealed record RunFilter
{
    /// <summary>Only runs of this project (exact).</summary>
    public string? Project { get; init; }

    /// <summary>Only runs whose judged models or judge models include this name (exact, one of the comma-separated names).</summary>
    public string? Model { get; init; }

    /// <summary>Only runs on this git branch (exact).</summary>
    public string? Branch { get; init; }

    /// <summary>Only the newest N runs that match; null for all.</summary>
    public int? Last { get; init; }

    /// <summary>Only runs recorded before the run with this id (to find a run's predecessor).</summary>
    public long? Before { get; init; }
}
