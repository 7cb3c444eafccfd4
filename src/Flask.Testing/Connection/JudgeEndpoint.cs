using System;

namespace Flask.Testing;

/// <summary>
/// An OpenAI-compatible judge endpoint: OpenAI, Azure OpenAI (<c>https://NAME.openai.azure.com/openai/v1/</c>), Ollama
/// (<c>http://127.0.0.1:11434/v1</c>), vLLM, LM Studio or a llama.cpp server. The API key is never part of
/// <see cref="ToString"/>, messages, logs, results or caches.
/// </summary>
public sealed class JudgeEndpoint
{
    /// <summary>Creates an endpoint.</summary>
    /// <param name="baseUrl">The API's base URL, up to and including <c>/v1</c>.</param>
    /// <param name="model">The judge model id.</param>
    /// <param name="apiKey">The API key; null or empty for servers that need none.</param>
    public JudgeEndpoint(Uri baseUrl, string model, string? apiKey = null)
    {
        BaseUrl = baseUrl ?? throw new ArgumentNullException(nameof(baseUrl));
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The judge endpoint must be an absolute http(s) URL, not '{baseUrl}'.", nameof(baseUrl));
        Model = string.IsNullOrWhiteSpace(model) ? throw new ArgumentException("The judge needs a model id.", nameof(model)) : model;
        ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
    }

    /// <summary>The API's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The judge model id.</summary>
    public string Model { get; }

    /// <summary>The API key, or null. Sent only as the request's authorization header.</summary>
    public string? ApiKey { get; }

    /// <summary>The model and URL, never the key.</summary>
    public override string ToString() => $"{Model} at {BaseUrl}{(ApiKey is null ? string.Empty : " (with API key)")}";
}
