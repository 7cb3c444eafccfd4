using System;
using System.Collections.Generic;
using System.Linq;

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
            throw new ArgumentException($"The judge endpoint must be an absolute http(s) URL, not '{Shown(baseUrl)}'.", nameof(baseUrl));
        // HttpClient never sends user:password@ from a URL, and every message shows the URL: refuse it rather than
        // print a password and send no credentials.
        if (baseUrl.UserInfo.Length > 0)
            throw new ArgumentException($"The judge endpoint {Shown(baseUrl)} has credentials in its URL (user:password@), which are never sent " +
                $"and would be printed in messages: remove them and put the key in {FlaskJudgeSettings.ApiKeyVariable}.", nameof(baseUrl));
        Model = string.IsNullOrWhiteSpace(model)
            ? throw new ArgumentException($"The judge at {Shown(baseUrl)} needs a model id: set {FlaskJudgeSettings.ModelVariable} (e.g. gpt-4o, or llama3.1:8b on Ollama).", nameof(model))
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

    /// <summary>
    /// An endpoint URL as it is shown to a user (messages, logs, results, reports): user:password@ becomes ***@, every
    /// query value and any fragment ***, since a gateway's credential may sit there (<c>?api-key=…</c>). The one way an
    /// endpoint is printed.
    /// </summary>
    internal static string Shown(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
            return Shown(url.OriginalString);
        if (url.UserInfo.Length == 0 && url.Query.Length == 0 && url.Fragment.Length == 0)
            return url.ToString();
        var shown = new UriBuilder(url);
        if (url.UserInfo.Length > 0)
        {
            shown.UserName = "***";
            shown.Password = string.Empty;
        }
        if (url.Query.Length > 1)
            shown.Query = string.Join('&', url.Query[1..].Split('&').Select(p => p.IndexOf('=', StringComparison.Ordinal) is var i and >= 0 ? p[..(i + 1)] + "***" : "***"));
        if (url.Fragment.Length > 0)
            shown.Fragment = "***";
        return shown.Uri.ToString();
    }

    /// <summary>Text given as an endpoint, as <see cref="Shown(Uri)"/> shows it; text that is no absolute URL is shown
    /// up to its query or fragment, and without anything before an @.</summary>
    internal static string Shown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Uri.TryCreate(text, UriKind.Absolute, out Uri? url))
            return Shown(url);
        int end = text.IndexOfAny(['?', '#']);
        string shown = end >= 0 ? text[..end] + text[end] + "***" : text;
        return System.Text.RegularExpressions.Regex.Replace(shown, "^([^@/]*//)?[^@/]*@", "$1***@");
    }

    /// <summary>The values of <paramref name="url"/>'s query that are long enough to be a credential (as written and
    /// unescaped), which a message must never repeat even where a server echoes them.</summary>
    internal static IReadOnlyList<string> QuerySecrets(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri || url.Query.Length <= 1)
            return [];
        var secrets = new List<string>();
        foreach (string part in url.Query[1..].Split('&'))
        {
            string value = part.IndexOf('=', StringComparison.Ordinal) is var i and >= 0 ? part[(i + 1)..] : part;
            // Short values (a flag, a page number) are no credential, and scrubbing them would mangle every message.
            if (value.Length < MinSecretLength)
                continue;
            secrets.Add(value);
            string unescaped = Uri.UnescapeDataString(value.Replace('+', ' '));
            if (unescaped != value && unescaped.Length >= MinSecretLength)
                secrets.Add(unescaped);
        }
        return secrets;
    }

    private const int MinSecretLength = 8;

    /// <summary>The API's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The judge model id.</summary>
    public string Model { get; }

    /// <summary>The API key, or null. Sent only as the request's authorization header.</summary>
    public string? ApiKey { get; }

    /// <summary>The model and URL as shown (<see cref="Shown(Uri)"/>: no query value), never the key.</summary>
    public override string ToString() => $"{Model} at {Shown(BaseUrl)}{(ApiKey is null ? string.Empty : " (with API key)")}";
}
