using System;
using System.Collections;
using System.Globalization;

namespace Flask.Testing;

/// <summary>
/// Everything that says which judge to use and how: read the same way by every entry point (tests, CLI) from the
/// environment, or built in code.
/// </summary>
public sealed record FlaskJudgeSettings
{
    /// <summary>Base URL of an OpenAI-compatible API, e.g. <c>http://127.0.0.1:11434/v1</c>.</summary>
    public const string EndpointVariable = "FLASK_JUDGE_ENDPOINT";

    /// <summary>The judge model id (in replay mode: the model whose recorded answers to use).</summary>
    public const string ModelVariable = "FLASK_JUDGE_MODEL";

    /// <summary>The API key (optional for local servers).</summary>
    public const string ApiKeyVariable = "FLASK_JUDGE_API_KEY";

    /// <summary><c>off</c>, <c>readwrite</c> or <c>replay</c>.</summary>
    public const string CacheVariable = "FLASK_JUDGE_CACHE";

    /// <summary>The cache directory.</summary>
    public const string CacheDirectoryVariable = "FLASK_JUDGE_CACHE_DIR";

    /// <summary>A label written into each new cache entry, e.g. to mark recorded fixtures.</summary>
    public const string CacheLabelVariable = "FLASK_JUDGE_CACHE_LABEL";

    /// <summary>Seconds one judge call may take.</summary>
    public const string TimeoutVariable = "FLASK_JUDGE_TIMEOUT_SECONDS";

    /// <summary>Retries after transient judge failures.</summary>
    public const string MaxRetriesVariable = "FLASK_JUDGE_MAX_RETRIES";

    /// <summary>The most judge calls in flight.</summary>
    public const string ConcurrencyVariable = "FLASK_JUDGE_CONCURRENCY";

    /// <summary>The most judge calls started per minute.</summary>
    public const string RequestsPerMinuteVariable = "FLASK_JUDGE_RPM";

    /// <summary>Failed attempts in a row after which the judge is taken as down and the run stops; 0 never stops.</summary>
    public const string MaxConsecutiveFailuresVariable = "FLASK_JUDGE_MAX_CONSECUTIVE_FAILURES";

    /// <summary>The judge endpoint; null when none is configured (then only a replay cache can answer).</summary>
    public JudgeEndpoint? Endpoint { get; init; }

    /// <summary>Retries, timeouts and limits.</summary>
    public JudgeResilienceOptions Resilience { get; init; } = new();

    /// <summary>The response cache.</summary>
    public JudgeCacheOptions Cache { get; init; } = new();

    /// <summary>How the judge is asked (temperature, tokens, samples, re-asks).</summary>
    public FlaskJudgeOptions Judge { get; init; } = new();

    /// <summary>Whether a judge can answer: an endpoint, or a replay cache.</summary>
    public bool IsConfigured => Endpoint is not null || Cache.Mode == JudgeCacheMode.Replay;

    /// <summary>
    /// Reads the <c>FLASK_JUDGE_*</c> variables. Without <c>FLASK_JUDGE_ENDPOINT</c> there is no endpoint; with an
    /// endpoint, the cache defaults to read-write. <see cref="FlaskSettings.FromEnvironment"/> reads these with the rest.
    /// </summary>
    /// <param name="environment">The variables to read; the process environment when null.</param>
    /// <exception cref="FormatException">A variable has a value that cannot be used; the message names it (never the key's value).</exception>
    public static FlaskJudgeSettings FromEnvironment(IDictionary? environment = null) => Read(SettingsSource.From(environment));

    /// <summary>Reads the judge's settings from <paramref name="source"/>; errors name the variable or the option that gave the value.</summary>
    internal static FlaskJudgeSettings Read(SettingsSource source)
    {
        string? Read(string name) => source.Text(name);

        JudgeEndpoint? endpoint = null;
        if (Read(EndpointVariable) is { } url)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
                throw source.Invalid(EndpointVariable, "an absolute http(s) URL such as http://127.0.0.1:11434/v1", JudgeEndpoint.Shown(url));
            if (baseUrl.UserInfo.Length > 0)
                throw new FormatException($"{source.Name(EndpointVariable)} has credentials in its URL ({JudgeEndpoint.Shown(baseUrl)}): they are never sent and " +
                    $"would be printed in messages; remove them and put the key in {source.Name(ApiKeyVariable)}.");
            string model = Read(ModelVariable) ?? throw new FormatException($"{source.Name(EndpointVariable)} is set but {source.Name(ModelVariable)} is not: name the judge model, e.g. {ModelVariable}=gpt-4o.");
            string? key = Read(ApiKeyVariable);
            if (key is not null && JudgeEndpoint.ApiKeyProblem(key) is { } problem)
                throw new FormatException(problem);
            endpoint = new JudgeEndpoint(baseUrl, model, key);
        }

        JudgeCacheMode mode = Read(CacheVariable)?.ToLowerInvariant() switch
        {
            null => endpoint is null ? JudgeCacheMode.Off : JudgeCacheMode.ReadWrite,
            "off" or "none" => JudgeCacheMode.Off,
            "readwrite" or "read-write" or "rw" => JudgeCacheMode.ReadWrite,
            "replay" => JudgeCacheMode.Replay,
            var other => throw source.Invalid(CacheVariable, "off, readwrite or replay", other),
        };

        var resilience = new JudgeResilienceOptions();
        if (Number(source, TimeoutVariable) is { } seconds)
            resilience = resilience with { RequestTimeout = TimeSpan.FromSeconds(seconds) };
        if (Number(source, MaxRetriesVariable, allowZero: true) is { } retries)
            resilience = resilience with { MaxRetries = retries };
        if (Number(source, MaxConsecutiveFailuresVariable, allowZero: true) is { } failures)
            resilience = resilience with { MaxConsecutiveFailures = failures };
        if (Number(source, ConcurrencyVariable) is { } concurrency)
            resilience = resilience with { MaxConcurrency = concurrency };
        if (Number(source, RequestsPerMinuteVariable) is { } rpm)
            resilience = resilience with { RequestsPerMinute = rpm };

        return new FlaskJudgeSettings
        {
            Endpoint = endpoint,
            Resilience = resilience,
            Cache = new JudgeCacheOptions
            {
                Mode = mode,
                Directory = Read(CacheDirectoryVariable) ?? JudgeCacheOptions.DefaultDirectory,
                EntryLabel = Read(CacheLabelVariable),
            },
            // Without an endpoint the model still matters: replay finds the answers recorded from that model.
            Judge = new FlaskJudgeOptions { Model = endpoint?.Model ?? Read(ModelVariable) },
        };
    }

    /// <summary>How to configure a judge, for messages shown when none is.</summary>
    public static string HowToConfigure =>
        $"Set {EndpointVariable} (an OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1 for Ollama) and {ModelVariable} " +
        $"(and {ApiKeyVariable} if the server needs one), or {CacheVariable}=replay with a recorded cache in {CacheDirectoryVariable}.";

    private static int? Number(SettingsSource source, string name, bool allowZero = false)
    {
        if (source.Text(name) is not { } text)
            return null;
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 0 || (value == 0 && !allowZero))
            throw source.Invalid(name, allowZero ? "a whole number" : "a whole number above 0", text);
        return value;
    }
}
