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
        string[] lines = UserPrompt.Split('\n');
        return [.. lines.Select((line, i) => (line, i))
            .Where(x => x.i + 1 < lines.Length && lines[x.i + 1].StartsWith("Score 1: ", System.StringComparison.Ordinal) && x.line.Contains(": "))
            .Select(x => x.line[..x.line.IndexOf(": ", System.StringComparison.Ordinal)])];
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
