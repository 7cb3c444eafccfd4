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

    /// <summary>How long one attempt may take, from sending the request to the last byte of the answer, before it is
    /// abandoned and retried. Default 120 s.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>The most requests in flight at once. Default 8.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>The most requests started per minute; null for no limit.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>
    /// After this many failed attempts in a row across the client (timeouts, dropped connections, 5xx, unreadable or
    /// oversized answers; a 429 neither counts nor resets), the judge is taken as down: every further call fails at once
    /// with a <see cref="JudgeUnavailableException"/> that stops the run. A success resets the count; 0 never stops.
    /// Default 5.
    /// </summary>
    public int MaxConsecutiveFailures { get; init; } = 5;

    /// <summary>
    /// The largest answer read from the judge, in bytes; a larger one is abandoned as a failed attempt (and retried),
    /// never read whole. Default 4 MiB, far above what 1,024 output tokens (or even 100,000) take.
    /// </summary>
    public int MaxResponseBytes { get; init; } = 4 * 1024 * 1024;
}
