using System;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net.Http;
using System.Threading;
using System.Threading.RateLimiting;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Http.Resilience;
using OpenAI;
using Polly;

namespace Flask.Testing;

/// <summary>
/// Builds the judge's <see cref="IChatClient"/>: an OpenAI-compatible endpoint behind retries, timeouts and limits
/// (Microsoft.Extensions.Http.Resilience), under the response cache (Microsoft.Extensions.AI's caching chat client).
/// </summary>
public static class FlaskJudgeClient
{
    /// <summary>The judge of <paramref name="settings"/>: its endpoint under the response cache as configured, or the replay cache alone.</summary>
    /// <exception cref="InvalidOperationException">
    /// The settings name no judge (<see cref="FlaskJudgeSettings.IsConfigured"/> is false): neither an endpoint nor a
    /// replay cache. The message names the settings that configure one.
    /// </exception>
    public static IChatClient Create(FlaskJudgeSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.IsConfigured)
            throw new InvalidOperationException($"No FLASK judge is configured. {FlaskJudgeSettings.HowToConfigure}");
        if (settings.Cache.Mode == JudgeCacheMode.Replay)
            return WithCache(new ReplayOnlyChatClient(System.IO.Path.GetFullPath(settings.Cache.Directory)), settings.Cache.Directory);
        IChatClient judge = OpenAICompatible(settings.Endpoint!, settings.Resilience);
        return settings.Cache.Mode == JudgeCacheMode.Off ? judge : WithCache(judge, settings.Cache.Directory, settings.Cache.EntryLabel);
    }

    /// <summary>
    /// A chat client for an OpenAI-compatible endpoint, with Flask.Testing's resilience pipeline: every byte of an
    /// attempt under <see cref="JudgeResilienceOptions.RequestTimeout"/>, answers capped at
    /// <see cref="JudgeResilienceOptions.MaxResponseBytes"/>, retries, and a stop after
    /// <see cref="JudgeResilienceOptions.MaxConsecutiveFailures"/> failed attempts in a row. A call that cannot be
    /// answered throws <see cref="JudgeUnavailableException"/> (one line, never the key); cancellation stays
    /// <see cref="OperationCanceledException"/>.
    /// </summary>
    public static IChatClient OpenAICompatible(JudgeEndpoint endpoint, JudgeResilienceOptions? resilience = null) =>
        OpenAICompatible(endpoint, resilience, EndpointSettingNames.Judge);

    /// <summary>
    /// <see cref="OpenAICompatible(JudgeEndpoint, JudgeResilienceOptions?)"/> for an endpoint that is not the judge (the
    /// CLI's model under test): its failure messages name <paramref name="names"/>.
    /// </summary>
    internal static IChatClient OpenAICompatible(JudgeEndpoint endpoint, JudgeResilienceOptions? resilience, EndpointSettingNames names)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        resilience ??= new JudgeResilienceOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(resilience.MaxConsecutiveFailures, nameof(resilience));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(resilience.MaxResponseBytes, nameof(resilience));

        var health = new JudgeHealth(resilience.MaxConsecutiveFailures);
        var failures = new JudgeFailureMessages(endpoint, resilience, names);
        // Outside in: limits and retries; the health check, which sees each attempt; the attempt's timeout; reading the
        // whole body (capped) inside that timeout; the socket.
        HttpMessageHandler attempt = new ResilienceHandler(AttemptPipeline(resilience))
        {
            InnerHandler = new BufferedBodyHandler(resilience.MaxResponseBytes)
            {
                InnerHandler = new SocketsHttpHandler
                {
                    // An answer abandoned midway (over the cap, timed out) closes its connection instead of being read
                    // to the end in the background for reuse.
                    MaxResponseDrainSize = 0,
                },
            },
        };
        var http = new HttpClient(new ResilienceHandler(CallPipeline(resilience))
        {
            InnerHandler = new JudgeHealthHandler(health, failures) { InnerHandler = attempt },
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt is timed, body included, by the pipeline
        };
        var options = new OpenAIClientOptions
        {
            Endpoint = endpoint.BaseUrl,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // retries are the pipeline's, once
            NetworkTimeout = Timeout.InfiniteTimeSpan, // likewise
        };
        // Servers without keys (Ollama, vLLM, llama.cpp) ignore the header; the client needs a non-empty credential.
        var client = new OpenAIClient(new ApiKeyCredential(endpoint.ApiKey ?? "no-key"), options);
        return new JudgeTransportChatClient(client.GetChatClient(endpoint.Model).AsIChatClient(), health, failures);
    }

    /// <summary>Puts <paramref name="judge"/> under a response cache in <paramref name="directory"/>.</summary>
    /// <param name="judge">The judge answering cache misses.</param>
    /// <param name="directory">The cache directory.</param>
    /// <param name="entryLabel">A label written into each new entry (e.g. that it is a recorded fixture).</param>
    public static IChatClient WithCache(IChatClient judge, string directory, string? entryLabel = null)
    {
        ArgumentNullException.ThrowIfNull(judge);
        return new JudgeResponseCache(judge, new JudgeCacheDirectory(directory, entryLabel))
        {
            // Bumped when Flask.Testing changes what a cached answer means.
            CacheKeyAdditionalValues = ["flask-testing-judge-cache-v1"],
        };
    }

    /// <summary>Around all attempts of a call: the concurrency and rate limits, and the retries.</summary>
    private static ResiliencePipeline<HttpResponseMessage> CallPipeline(JudgeResilienceOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = options.MaxConcurrency, QueueLimit = int.MaxValue });
        if (options.RequestsPerMinute is { } rpm)
        {
            builder.AddRateLimiter(new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
            {
                PermitLimit = rpm,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = int.MaxValue,
            }));
        }
        if (options.MaxRetries > 0)
        {
            // The default predicate: 408, 429, 5xx, HttpRequestException (also a body cut off, oversized or not JSON,
            // see BufferedBodyHandler) and timeouts; never a 401 or 403, nor a stopped judge.
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldRetryAfterHeader = true,
                OnRetry = static _ => { JudgeCallTelemetry.TransportRetried(System.Diagnostics.Activity.Current); return default; },
            });
        }
        return builder.Build();
    }

    /// <summary>Around one attempt, body included: the timeout.</summary>
    private static ResiliencePipeline<HttpResponseMessage> AttemptPipeline(JudgeResilienceOptions options) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>().AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.RequestTimeout }).Build();
}
