using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Flask.Testing;

namespace Flask.Cli.Annotation;

/// <summary>One of FLASK's annotation prompts (skills, domain, difficulty), shipped verbatim from FLASK's annotation/ folder.</summary>
internal sealed record AnnotationPrompt(int Id, string System, string Template, IReadOnlyDictionary<string, string> Defaults)
{
    public static IReadOnlyList<AnnotationPrompt> Load(string resource) =>
        [.. PromptJsonl.Load(typeof(AnnotationPrompt).Assembly, $"Flask.Cli.{resource}").Select(p => new AnnotationPrompt(p.Id, p.System, p.Template, p.Defaults))];

    public static IReadOnlyList<string> Domains()
    {
        using Stream stream = typeof(AnnotationPrompt).Assembly.GetManifestResourceStream("Flask.Cli.domain.json")!;
        using JsonDocument json = JsonDocument.Parse(stream);
        return [.. json.RootElement.EnumerateObject().Select(p => p.Name)];
    }
}
