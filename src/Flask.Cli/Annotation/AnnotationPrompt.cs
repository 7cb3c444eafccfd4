using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Flask.Cli.Annotation;

/// <summary>One of FLASK's annotation prompts (skills, domain, difficulty), shipped verbatim from FLASK's annotation/ folder.</summary>
internal sealed record AnnotationPrompt(int Id, string System, string Template, IReadOnlyDictionary<string, string> Defaults)
{
    public static IReadOnlyList<AnnotationPrompt> Load(string resource)
    {
        using Stream stream = typeof(AnnotationPrompt).Assembly.GetManifestResourceStream($"Flask.Cli.{resource}")
            ?? throw new InvalidOperationException($"The annotation prompt {resource} is missing from the flask tool.");
        using var reader = new StreamReader(stream);
        var prompts = new List<AnnotationPrompt>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim().Length == 0)
                continue;
            using JsonDocument json = JsonDocument.Parse(line);
            JsonElement root = json.RootElement;
            prompts.Add(new AnnotationPrompt(
                root.GetProperty("prompt_id").GetInt32(),
                root.GetProperty("system_prompt").GetString()!,
                root.GetProperty("prompt_template").GetString()!,
                root.GetProperty("defaults").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!)));
        }
        return prompts;
    }

    public static IReadOnlyList<string> Domains()
    {
        using Stream stream = typeof(AnnotationPrompt).Assembly.GetManifestResourceStream("Flask.Cli.domain.json")!;
        using JsonDocument json = JsonDocument.Parse(stream);
        return [.. json.RootElement.EnumerateObject().Select(p => p.Name)];
    }
}
