using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Flask.Testing.TestKit;

/// <summary>One chat-completions request the loopback judge received.</summary>
public sealed record JudgeCall(int Number, string Model, string SystemPrompt, string UserPrompt, string Body, IReadOnlyDictionary<string, string> Headers)
{
    // The loopback judge shares the cores with the tool in the benchmarks, so what a script seldom reads is made only
    // when read: the body's text from its UTF-8 bytes, the headers from the request's (while it is being answered).
    private string? _body = Body;
    private readonly byte[]? _utf8Body;
    private IReadOnlyDictionary<string, string>? _headers = Headers;
    private IHeaderDictionary? _requestHeaders;

    private JudgeCall(int number, string model, string systemPrompt, string userPrompt, byte[] utf8Body, IHeaderDictionary requestHeaders)
        : this(number, model, systemPrompt, userPrompt, (string)null!, null!)
    {
        _utf8Body = utf8Body;
        _requestHeaders = requestHeaders;
    }

    /// <summary>The request body as sent.</summary>
    public string Body
    {
        get => _body ??= Encoding.UTF8.GetString(_utf8Body!);
        init => _body = value;
    }

    /// <summary>The request headers (names compared ignoring case).</summary>
    /// <exception cref="InvalidOperationException">
    /// Read after the call was answered by a judge started with <c>record: false</c>, which does not keep them.
    /// </exception>
    public IReadOnlyDictionary<string, string> Headers
    {
        get
        {
            if (_headers is null)
            {
                IHeaderDictionary request = _requestHeaders ?? throw new InvalidOperationException(
                    $"The headers of call {Number} were read after it was answered; a loopback judge started with record: false keeps them only while it answers the call (read them in the script).");
                var headers = new Dictionary<string, string>(request.Count, StringComparer.OrdinalIgnoreCase);
                foreach (var (name, value) in request)
                    headers[name] = value.ToString();
                _headers = headers;
            }
            return _headers;
        }
        init => _headers = value;
    }

    /// <summary>The skill names of the FLASK prompt's skills block, in order ("Name: criteria" lines followed by "Score 1:").</summary>
    public IReadOnlyList<string> SkillNames()
    {
        // Each "Score 1: " line, and the line before it up to its first ": ": found by search, not by splitting the
        // prompt into lines (the loopback judge reads every request's skills, and shares the cores with the tool).
        const string next = "\nScore 1: ";
        var names = new List<string>();
        for (int at = UserPrompt.IndexOf(next, StringComparison.Ordinal); at >= 0; at = UserPrompt.IndexOf(next, at + 1, StringComparison.Ordinal))
        {
            int start = at == 0 ? 0 : UserPrompt.LastIndexOf('\n', at - 1) + 1;
            int colon = UserPrompt.AsSpan(start, at - start).IndexOf(": ", StringComparison.Ordinal);
            if (colon >= 0)
                names.Add(UserPrompt.Substring(start, colon));
        }
        return names;
    }

    /// <summary>The text between [Assistant's Response] and [The End of Assistant's Response].</summary>
    public string Response()
    {
        const string start = "[Assistant's Response]\n", end = "\n\n[The End of Assistant's Response]";
        int from = UserPrompt.IndexOf(start, System.StringComparison.Ordinal) + start.Length;
        return UserPrompt[from..UserPrompt.IndexOf(end, from, System.StringComparison.Ordinal)];
    }

    /// <summary>
    /// The call in <paramref name="utf8Body"/> (the request body's bytes), whose headers are copied from
    /// <paramref name="requestHeaders"/> when first read, or at once when <paramref name="record"/> (a recorded call is
    /// read after its request is gone).
    /// </summary>
    internal static JudgeCall Parse(int number, byte[] utf8Body, IHeaderDictionary requestHeaders, bool record)
    {
        string model, system, user;
        try
        {
            (model, system, user) = Read(JsonDocument.Parse(utf8Body));
        }
        catch (JsonException)
        {
            // Not valid UTF-8 JSON as bytes: read as the text a decoder makes of it (invalid bytes replaced), as the
            // judge always read it; JSON that is invalid as text too still fails here.
            (model, system, user) = Read(JsonDocument.Parse(Encoding.UTF8.GetString(utf8Body)));
        }
        var call = new JudgeCall(number, model, system, user, utf8Body, requestHeaders);
        if (record)
            _ = call.Headers;
        return call;
    }

    /// <summary>The call's headers stay as read so far: a judge that does not record calls no longer has them.</summary>
    internal void Answered() => _requestHeaders = null;

    private static (string Model, string System, string User) Read(JsonDocument json)
    {
        using (json)
        {
            JsonElement root = json.RootElement;
            string model = root.TryGetProperty("model", out var m) ? m.GetString() ?? "" : "";
            // The content of the last message of each role; every message's role is read (a message without one is
            // an error).
            JsonElement? system = null, user = null;
            foreach (JsonElement message in root.GetProperty("messages").EnumerateArray())
            {
                switch (message.GetProperty("role").GetString())
                {
                    case "system":
                        system = message;
                        break;
                    case "user":
                        user = message;
                        break;
                }
            }
            return (model, Content(system), Content(user));
        }

        static string Content(JsonElement? message)
        {
            if (message is not { } found)
                return string.Empty;
            JsonElement content = found.GetProperty("content");
            if (content.ValueKind == JsonValueKind.String)
                return content.GetString()!;
            var text = new StringBuilder();
            foreach (JsonElement part in content.EnumerateArray())
                text.Append(part.GetProperty("text").GetString());
            return text.ToString();
        }
    }
}
