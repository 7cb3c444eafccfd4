using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Flask.Testing.TestKit;

/// <summary>One chat-completions request the loopback judge received.</summary>
public sealed record JudgeCall(int Number, string Model, string SystemPrompt, string UserPrompt, string Body, IReadOnlyDictionary<string, string> Headers)
{
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

    internal static JudgeCall Parse(int number, string body, IReadOnlyDictionary<string, string> headers)
    {
        using JsonDocument json = JsonDocument.Parse(body);
        JsonElement root = json.RootElement;
        string Message(string role) => root.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("role").GetString() == role)
            .Select(m => m.GetProperty("content"))
            .Select(c => c.ValueKind == JsonValueKind.String ? c.GetString()! : string.Concat(c.EnumerateArray().Select(p => p.GetProperty("text").GetString())))
            .LastOrDefault() ?? string.Empty;
        return new JudgeCall(number, root.TryGetProperty("model", out var model) ? model.GetString() ?? "" : "", Message("system"), Message("user"), body, headers);
    }
}
