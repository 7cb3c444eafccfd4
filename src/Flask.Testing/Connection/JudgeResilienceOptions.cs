using System;

namespace Flask.Testing;

/// <summary>How calls to the judge survive real networks: retries, timeouts and limits.</summary>
public sealed record JudgeResilienceOptions
{
    /// <summary>Retries after a 429, a 5xx, a timeout or a dropped connection (exponential backoff with jitter; a
    /// <c>Retry-After</c> header is honoured). Default 3.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>The first retry's delay; later ones grow exponentially. Default 1 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between retries. Default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take before it is abandoned and retried. Default 120 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The most requests in flight at once. Default 8.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>The most requests started per minute; null for no limit.</summary>
    public int? RequestsPerMinute { get; init; }
}
