using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Flask.Testing;
using Microsoft.Extensions.AI;

namespace Flask.Cli.Annotation;

/// <summary>
/// FLASK's metadata annotation with a judge, using FLASK's annotation prompts: the 3 primary skills (the judge returns
/// a Python list of skill indices), the domain, and the difficulty (FLASK's prompt for math or coding instructions
/// when the domain is Math or Coding, its general prompt otherwise).
/// </summary>
internal sealed partial class Annotator(IChatClient judge)
{
    private static readonly IReadOnlyList<AnnotationPrompt> SkillPrompts = AnnotationPrompt.Load("skillset_prompt.jsonl");
    private static readonly AnnotationPrompt DomainPrompt = AnnotationPrompt.Load("domain_prompt.jsonl").Single();
    private static readonly IReadOnlyList<AnnotationPrompt> DifficultyPrompts = AnnotationPrompt.Load("difficulty_prompt.jsonl");
    private static readonly IReadOnlyList<string> Domains = AnnotationPrompt.Domains();

    [GeneratedRegex(@"\[\s*(\d+)\s*(?:,\s*(\d+)\s*)*\]")]
    private static partial Regex IndexList();

    public async Task<FlaskInstance> AnnotateAsync(FlaskInstance instance, CancellationToken cancellationToken)
    {
        Skill[] catalog = [.. FlaskSkills.Catalog.Take(12)];
        var skillsBlock = new StringBuilder();
        for (int i = 0; i < catalog.Length; i++)
            skillsBlock.Append('\n').Append(i + 1).Append(". ").Append(catalog[i].Name).Append(": ").Append(catalog[i].Criteria);
        AnnotationPrompt skillPrompt = SkillPrompts.Single(p => p.Id == (instance.Reference is null ? 2 : 1));
        string skillAnswer = await AskAsync(skillPrompt, new() { ["skills"] = skillsBlock.ToString(), ["question"] = instance.Instruction, ["sample_answer"] = instance.Reference ?? string.Empty }, cancellationToken);
        string[] skills = ParseSkills(skillAnswer, catalog);

        string domainList = string.Join("\n", Domains.Select((d, i) => $"{i + 1}. {d}"));
        string domainAnswer = await AskAsync(DomainPrompt, new() { ["domain"] = domainList, ["question"] = instance.Instruction }, cancellationToken);
        string[] domains = [.. Domains.Where(d => Regex.IsMatch(domainAnswer, $@"\b{Regex.Escape(d)}\b", RegexOptions.IgnoreCase)).Take(2)];

        int difficultyPrompt = domains.Contains("Math") ? 2 : domains.Contains("Coding") ? 3 : 1;
        string difficultyAnswer = await AskAsync(DifficultyPrompts.Single(p => p.Id == difficultyPrompt), new() { ["question"] = instance.Instruction }, cancellationToken);
        string? difficulty = FlaskLabels.Difficulties.Select(FlaskLabels.Label)
            .FirstOrDefault(label => difficultyAnswer.Contains(label, StringComparison.OrdinalIgnoreCase));

        return instance with { Skills = skills, Domains = domains, Difficulty = difficulty };
    }

    private static string[] ParseSkills(string answer, Skill[] catalog)
    {
        Match? last = IndexList().Matches(answer).LastOrDefault();
        if (last is null)
            return [];
        return [.. Regex.Matches(last.Value, @"\d+").Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) - 1).Where(i => i >= 0 && i < catalog.Length).Distinct().Take(3).Select(i => catalog[i].Name)];
    }

    private async Task<string> AskAsync(AnnotationPrompt prompt, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in prompt.Defaults)
            fields.TryAdd(name, value);
        string user = FlaskPromptTemplate.Fill(prompt.Template, fields);
        ChatResponse response = await judge.GetResponseAsync(
            [new ChatMessage(ChatRole.System, prompt.System), new ChatMessage(ChatRole.User, user)],
            new ChatOptions { Temperature = 0, MaxOutputTokens = 1024 }, cancellationToken).ConfigureAwait(false);
        return response.Text ?? string.Empty;
    }
}
