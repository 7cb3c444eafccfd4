using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Flask.Testing;

/// <summary>
/// One of FLASK's two judge prompts (without and with a reference answer), shipped inside this assembly verbatim from
/// FLASK's <c>prompts/review_prompt.jsonl</c>.
/// </summary>
internal sealed record ReviewPromptTemplate(int PromptId, string SystemPrompt, string Template, string Prompt1, string Prompt2)
{
    private static readonly Lazy<ReviewPromptTemplate[]> All = new(Load);

    /// <summary>FLASK's prompt 1: for instructions without a reference answer.</summary>
    public static ReviewPromptTemplate WithoutReference => All.Value.Single(t => t.PromptId == 1);

    /// <summary>FLASK's prompt 2: for instructions with a reference ("ground truth") answer.</summary>
    public static ReviewPromptTemplate WithReference => All.Value.Single(t => t.PromptId == 2);

    /// <summary>Fills the template's fields (see <see cref="FlaskPromptTemplate.Fill"/>).</summary>
    public string Fill(IReadOnlyDictionary<string, string> fields) => FlaskPromptTemplate.Fill(Template, fields);

    private static ReviewPromptTemplate[] Load()
    {
        using Stream stream = typeof(ReviewPromptTemplate).Assembly.GetManifestResourceStream("Flask.Testing.review_prompt.jsonl")
            ?? throw new InvalidOperationException("The FLASK review prompts are missing from the Flask.Testing assembly.");
        using var reader = new StreamReader(stream);
        var templates = new List<ReviewPromptTemplate>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0)
                continue;
            using JsonDocument json = JsonDocument.Parse(line);
            JsonElement root = json.RootElement, defaults = root.GetProperty("defaults");
            templates.Add(new ReviewPromptTemplate(
                root.GetProperty("prompt_id").GetInt32(),
                root.GetProperty("system_prompt").GetString()!,
                root.GetProperty("prompt_template").GetString()!,
                defaults.GetProperty("prompt1").GetString()!,
                defaults.GetProperty("prompt2").GetString()!));
        }
        return [.. templates];
    }
}
