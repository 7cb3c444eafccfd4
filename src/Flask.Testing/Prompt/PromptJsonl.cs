using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;

namespace Flask.Testing;

/// <summary>
/// One prompt of a FLASK prompt file (<c>prompts/review_prompt.jsonl</c>, <c>annotation/*.jsonl</c>): its id, system
/// prompt, template and the template's default fields. The one reader of those files, for the judge's review prompts
/// and the CLI's annotation prompts alike.
/// </summary>
internal sealed record PromptJsonl(int Id, string System, string Template, IReadOnlyDictionary<string, string> Defaults)
{
    /// <summary>The prompts of the JSONL file embedded in <paramref name="assembly"/> as <paramref name="resource"/>, in file order.</summary>
    /// <exception cref="InvalidOperationException">The resource is missing (a broken build of the package).</exception>
    public static IReadOnlyList<PromptJsonl> Load(Assembly assembly, string resource)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        using Stream stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The FLASK prompts {resource} are missing from {assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        var prompts = new List<PromptJsonl>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0)
                continue;
            using JsonDocument json = JsonDocument.Parse(line);
            JsonElement root = json.RootElement;
            prompts.Add(new PromptJsonl(
                root.GetProperty("prompt_id").GetInt32(),
                root.GetProperty("system_prompt").GetString()!,
                root.GetProperty("prompt_template").GetString()!,
                root.GetProperty("defaults").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)));
        }
        return prompts;
    }
}
