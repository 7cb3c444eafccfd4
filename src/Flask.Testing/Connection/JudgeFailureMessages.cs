using System;
using System.ClientModel;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using Polly.Timeout;

namespace Flask.Testing;

/// <summary>
/// The one-line messages of a judge that cannot be asked: which judge (model and URL), what was tried, the cause, and
/// the setting to change. Every text, including what the server wrote, is scrubbed of the API key.
/// </summary>
internal sealed class JudgeFailureMessages(JudgeEndpoint endpoint, JudgeResilienceOptions options, EndpointSettingNames? names = null)
{
    private const int MaxServerText = 200;

    private readonly EndpointSettingNames _names = names ?? EndpointSettingNames.Judge;

    // A credential in the URL's query (?api-key=…) is a secret like the key: never shown, and scrubbed where a server echoes it.
    private readonly string[] _secrets = [.. endpoint.ApiKey is { } apiKey ? [apiKey] : Array.Empty<string>(), .. JudgeEndpoint.QuerySecrets(endpoint.BaseUrl)];

    private string Judge => $"{_names.Subject} {endpoint.Model} at {JudgeEndpoint.Shown(endpoint.BaseUrl)}";

    /// <summary>What the last failed attempt died of, as a short phrase.</summary>
    public string Cause(Exception error)
    {
        if (Chain(error).OfType<TimeoutRejectedException>().Any())
            return $"no complete answer within {Seconds(options.RequestTimeout)} s";
        if (error is ClientResultException { Status: > 0 } result)
            return $"HTTP {Number(result.Status)}{ServerText(result)}";
        return Chain(error).Last().Message;
    }

    /// <summary>The judge rejected the key: nothing else can succeed.</summary>
    public JudgeUnavailableException Rejected(int status) => Create(
        $"{Judge} rejected the API key (HTTP {Number(status)}): {(endpoint.ApiKey is null ? "no key was sent; set" : "set")} " +
        $"{_names.ApiKey} to a key this server accepts. No further call is made in this run.", stopsTheRun: true);

    /// <summary>Too many attempts failed in a row: the judge is taken as down.</summary>
    public JudgeUnavailableException Down(int failures, string lastCause) => Create(
        $"{Judge} failed {Number(failures)} attempts in a row (last: {lastCause}); it seems down, so no further call is made in this run. " +
        $"Check that the server at {_names.Endpoint} is running and serves {_names.Model}; " +
        $"raise {FlaskJudgeSettings.TimeoutVariable} (now {Seconds(options.RequestTimeout)}) for a slow judge, or " +
        $"{FlaskJudgeSettings.MaxConsecutiveFailuresVariable} (now {Number(options.MaxConsecutiveFailures)}) to tolerate more failures.", stopsTheRun: true);

    /// <summary>The call failed for good after <paramref name="attempts"/> attempts with <paramref name="error"/>.</summary>
    public JudgeUnavailableException After(Exception error, int attempts)
    {
        string tried = attempts == 1 ? "1 attempt" : $"{Number(attempts)} attempts";
        int status = error is ClientResultException result ? result.Status : 0;
        string cause = Cause(error);
        return status switch
        {
            401 or 403 => Rejected(status),
            404 => Create(
                $"{Judge} answered {cause}: check {_names.Endpoint} (the API's base URL up to /v1) and " +
                $"{_names.Model} (a model this server serves). No further call is made in this run.", stopsTheRun: true, error),
            429 => Create(
                $"{Judge} was still rate-limited ({cause}) after {tried}: lower {FlaskJudgeSettings.ConcurrencyVariable}, set " +
                $"{FlaskJudgeSettings.RequestsPerMinuteVariable}, or raise {FlaskJudgeSettings.MaxRetriesVariable}.", stopsTheRun: false, error),
            408 or >= 500 => Create(
                $"{Judge} failed after {tried}: {cause}. Check the server at {_names.Endpoint}, or raise " +
                $"{FlaskJudgeSettings.MaxRetriesVariable} if it fails only now and then.", stopsTheRun: false, error),
            > 0 => Create(
                $"{Judge} refused the request ({cause}) after {tried}: check {_names.Model} and that " +
                $"{_names.Endpoint} is an OpenAI-compatible chat completions API.", stopsTheRun: false, error),
            _ when Chain(error).OfType<TimeoutRejectedException>().Any() => Create(
                $"{Judge} gave {cause} in {tried}: raise {FlaskJudgeSettings.TimeoutVariable} (now {Seconds(options.RequestTimeout)}) " +
                $"if the judge is just slow, or check the server at {_names.Endpoint}.", stopsTheRun: false, error),
            _ when Chain(error).OfType<HttpRequestException>().Any(e => e.HttpRequestError == HttpRequestError.InvalidResponse) => Create(
                $"{Judge} gave no usable answer in {tried}: {cause}. Check that {_names.Endpoint} is an " +
                $"OpenAI-compatible chat API (the base URL up to /v1) and {_names.Model} a chat model.", stopsTheRun: false, error),
            _ => Create(
                $"{Judge} could not be asked after {tried}: {cause}. Check that {_names.Endpoint} is right and the " +
                $"server is running and serves {_names.Model} through an OpenAI-compatible chat API.", stopsTheRun: false, error),
        };
    }

    /// <summary>Replaces the API key, and each credential-like value of the URL's query, wherever it appears in <paramref name="text"/>.</summary>
    public string Scrub(string text)
    {
        if (endpoint.ApiKey is { } key)
            text = text.Replace(key, "[API key]", StringComparison.Ordinal);
        foreach (string secret in _secrets)
            text = text.Replace(secret, "***", StringComparison.Ordinal);
        return text;
    }

    private JudgeUnavailableException Create(string message, bool stopsTheRun, Exception? cause = null) =>
        // The transport's exception is kept for diagnosis only when nothing in it carries a secret (a server may echo it).
        new(OneLine(message), stopsTheRun, cause is not null && !_secrets.Any(secret => cause.ToString().Contains(secret, StringComparison.Ordinal)) ? cause : null);

    /// <summary>Scrubbed, on one line (every run of control, white-space or separator characters one space), without
    /// invisible format characters.</summary>
    private string OneLine(string text)
    {
        var line = new StringBuilder(text.Length);
        foreach (char c in Scrub(text))
        {
            // Invisible format characters (zero-width spaces, bidirectional overrides) are dropped: they can hide or
            // reorder what a reader sees. Dropping them may join a key a server split: hence the scrub at the end too.
            if (char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format)
                continue;
            bool breaks = char.IsControl(c) || char.IsWhiteSpace(c) || c is '\u2028' or '\u2029';
            if (!breaks)
                line.Append(c);
            else if (line.Length > 0 && line[^1] != ' ')
                line.Append(' ');
        }
        return Scrub(line.ToString().Trim());
    }

    /// <summary>" (the server's error message)", from the OpenAI error shape when there is one; scrubbed and cut short.</summary>
    private string ServerText(ClientResultException error)
    {
        string? body = null;
        try
        {
            body = error.GetRawResponse()?.Content?.ToString();
        }
        catch (InvalidOperationException)
        {
            // an unbuffered body: nothing to show
        }
        if (string.IsNullOrWhiteSpace(body))
            return string.Empty;
        string text = body;
        try
        {
            using JsonDocument json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out JsonElement e))
                text = e.ValueKind == JsonValueKind.Object && e.TryGetProperty("message", out JsonElement m) ? m.ToString() : e.ToString();
        }
        catch (JsonException)
        {
            // not JSON: the raw text
        }
        text = OneLine(text);
        if (text.Length == 0)
            return string.Empty;
        return $" ({(text.Length > MaxServerText ? string.Concat(text.AsSpan(0, MaxServerText), "…") : text)})";
    }

    private static System.Collections.Generic.IEnumerable<Exception> Chain(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
            yield return e;
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
