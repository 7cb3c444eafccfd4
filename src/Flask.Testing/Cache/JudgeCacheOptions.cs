namespace Flask.Testing;

/// <summary>Where and how judge answers are cached.</summary>
public sealed record JudgeCacheOptions
{
    /// <summary>The default cache directory, relative to the current directory.</summary>
    public const string DefaultDirectory = "flask-cache";

    /// <summary>Off, read-write or replay-only.</summary>
    public JudgeCacheMode Mode { get; init; } = JudgeCacheMode.Off;

    /// <summary>The directory of the cache files.</summary>
    public string Directory { get; init; } = DefaultDirectory;

    /// <summary>A label written into each new entry (<c>flaskFixture</c>), e.g. "recorded fixture, not live model output".</summary>
    public string? EntryLabel { get; init; }
}
