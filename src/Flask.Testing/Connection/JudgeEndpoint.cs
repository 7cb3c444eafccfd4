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
    /// <exception cref="ArgumentException">The URL is not absolute http(s), the model is empty, or the key has a space, a control or
    /// non-ASCII character (which could inject a header); the message never contains the key.</exception>
    public JudgeEndpoint(Uri baseUrl, string model, string? apiKey = null)
    {
        BaseUrl = baseUrl ?? throw new ArgumentNullException(nameof(baseUrl));
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"The judge endpoint must be an absolute http(s) URL, not '{WithoutUserInfo(baseUrl)}'.", nameof(baseUrl));
        // HttpClient never sends user:password@ from a URL, and every message shows the URL: refuse it rather than
        // print a password and send no credentials.
        if (baseUrl.UserInfo.Length > 0)
            throw new ArgumentException($"The judge endpoint {WithoutUserInfo(baseUrl)} has credentials in its URL (user:password@), which are never sent " +
                $"and would be printed in messages: remove them and put the key in {FlaskJudgeSettings.ApiKeyVariable}.", nameof(baseUrl));
        Model = string.IsNullOrWhiteSpace(model)
            ? throw new ArgumentException($"The judge at {baseUrl} needs a model id: set {FlaskJudgeSettings.ModelVariable} (e.g. gpt-4o, or llama3.1:8b on Ollama).", nameof(model))
            : model;
        ApiKey = string.IsNullOrEmpty(apiKey) ? null : apiKey;
        if (ApiKey is not null && ApiKeyProblem(ApiKey) is { } problem)
            throw new ArgumentException(problem, nameof(apiKey));
    }

    /// <summary>
    /// Why <paramref name="key"/> cannot be sent as a header, or null when it can: a key is printable ASCII without
    /// spaces, so a pasted line break can never add a header of its own (and no message rewrapping can form the key). The message names the variable, never the value.
    /// </summary>
    internal static string? ApiKeyProblem(string key)
    {
        for (int i = 0; i < key.Length; i++)
        {
            if (key[i] is <= ' ' or > '~')
            {
                string kind = key[i] == ' ' ? "a space" : char.IsControl(key[i]) ? "a control character" : "a non-ASCII character";
                return $"{FlaskJudgeSettings.ApiKeyVariable} contains {kind} (U+{((int)key[i]).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)}) at position " +
                    $"{(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}: an API key is printable ASCII without spaces, on one line; copy it again without line breaks.";
            }
        }
        return null;
    }

    /// <summary><paramref name="url"/> with any user:password@ replaced by ***@, for messages.</summary>
    internal static string WithoutUserInfo(Uri url) =>
        url.IsAbsoluteUri && url.UserInfo.Length > 0 ? new UriBuilder(url) { UserName = "***", Password = string.Empty }.Uri.ToString() : url.ToString();

    /// <summary>The API's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The judge model id.</summary>
    public string Model { get; }

    /// <summary>The API key, or null. Sent only as the request's authorization header.</summary>
    public string? ApiKey { get; }

    /// <summary>The model and URL, never the key.</summary>
    public override string ToString() => $"{Model} at {BaseUrl}{(ApiKey is null ? string.Empty : " (with API key)")}";
}
