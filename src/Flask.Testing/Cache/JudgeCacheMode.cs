namespace Flask.Testing;

/// <summary>How the judge's answers are cached (environment variable <c>FLASK_JUDGE_CACHE</c>).</summary>
public enum JudgeCacheMode
{
    /// <summary>No cache: every request goes to the judge.</summary>
    Off,

    /// <summary>Answers are read from the cache and written to it on a miss (<c>readwrite</c>, the local default).</summary>
    ReadWrite,

    /// <summary>Answers come only from the cache; a miss fails, naming the request and how to record it (<c>replay</c>, for CI).</summary>
    Replay,
}
