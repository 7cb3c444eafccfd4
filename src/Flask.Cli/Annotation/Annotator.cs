using System;
using System.Collections.Generic;
using System.Globalization;
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
/// when the domain is Math or Coding, its general prompt otherwise). The skills offered are the catalog's: FLASK's 12,
/// and a team's own with <c>--rubrics</c>.
/// </summary>
internal sealed partial class Annotator(IChatClient judge, SkillCatalog catalog)
{
    // FLASK's skill prompt names its count of skills in its text; a catalog with a team's own skills offers more.
    private const string FlaskSkillCount = "following 12 skills";

    private static readonly IReadOnlyList<AnnotationPrompt> SkillPrompts = AnnotationPrompt.Load("skillset_prompt.jsonl");
    private static readonly AnnotationPrompt DomainPrompt = AnnotationPrompt.Load("domain_prompt.jsonl").Single();
    private static readonly IReadOnlyList<AnnotationPrompt> DifficultyPrompts = AnnotationPrompt.Load("difficulty_prompt.jsonl");
    private static readonly IReadOnlyList<string> Domains = AnnotationPrompt.Domains();

    [GeneratedRegex(@"\[\s*(\d+)\s*(?:,\s*(\d+)\s*)*\]")]
    private static partial Regex IndexList();

    public async Task<FlaskInstance> AnnotateAsync(FlaskInstance instance, CancellationToken cancellationToken)
    {
        Skill[] offered = [.. catalog];
        var skillsBlock = new StringBuilder();
        for (int i = 0; i < offered.Length; i++)
            skillsBlock.Append('\n').Append(i + 1).Append(". ").Append(offered[i].Name).Append(": ").Append(offered[i].Criteria);
        AnnotationPrompt skillPrompt = SkillPrompts.Single(p => p.Id == (instance.Reference is null ? 2 : 1));
        var skillFields = new Dictionary<string, string> { ["skills"] = skillsBlock.ToString(), ["question"] = instance.Instruction, ["sample_answer"] = instance.Reference ?? string.Empty };
        if (offered.Length != 12)
        {
            foreach (var (name, value) in skillPrompt.Defaults.Where(d => d.Value.Contains(FlaskSkillCount, StringComparison.Ordinal)))
                skillFields[name] = value.Replace(FlaskSkillCount, $"following {offered.Length.ToString(CultureInfo.InvariantCulture)} skills", StringComparison.Ordinal);
        }
        string skillAnswer = await AskAsync(skillPrompt, skillFields, cancellationToken);
        string[] skills = ParseSkills(skillAnswer, offered);

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
        return [.. Regex.Matches(last.Value, @"\d+").Select(m => int.Parse(m.Value, CultureInfo.InvariantCulture) - 1).Where(i => i >= 0 && i < catalog.Length).Distinct().Take(3).Select(i => catalog[i].Name)];
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
