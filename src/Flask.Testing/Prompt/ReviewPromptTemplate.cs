using System;
using System.Collections.Generic;
using System.Linq;

namespace Flask.Testing;

/// <summary>
/// One of FLASK's two judge prompts (without and with a reference answer), shipped inside this assembly verbatim from
/// FLASK's <c>prompts/review_prompt.jsonl</c>.
/// </summary>
internal sealed record ReviewPromptTemplate(int PromptId, string SystemPrompt, string Template, string Prompt1, string Prompt2)
{
    private static readonly Lazy<ReviewPromptTemplate[]> All = new(Load);

    // Found once, not on every judge request.
    private static readonly Lazy<ReviewPromptTemplate> Without = new(() => All.Value.Single(t => t.PromptId == 1));
    private static readonly Lazy<ReviewPromptTemplate> With = new(() => All.Value.Single(t => t.PromptId == 2));

    /// <summary>FLASK's prompt 1: for instructions without a reference answer.</summary>
    public static ReviewPromptTemplate WithoutReference => Without.Value;

    /// <summary>FLASK's prompt 2: for instructions with a reference ("ground truth") answer.</summary>
    public static ReviewPromptTemplate WithReference => With.Value;

    /// <summary>Fills the template's fields (see <see cref="FlaskPromptTemplate.Fill"/>).</summary>
    public string Fill(IReadOnlyDictionary<string, string> fields) => FlaskPromptTemplate.Fill(Template, fields);

    private static ReviewPromptTemplate[] Load() =>
        [.. PromptJsonl.Load(typeof(ReviewPromptTemplate).Assembly, "Flask.Testing.review_prompt.jsonl")
            .Select(p => new ReviewPromptTemplate(p.Id, p.System, p.Template, p.Defaults["prompt1"], p.Defaults["prompt2"]))];
}
