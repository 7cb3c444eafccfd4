using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The loopback judge reads a request's skills and the response's words by search, not by splitting the prompt nor by
/// regular expression (it shares the cores with the tool in the benchmarks): the same skills and words as the first
/// definitions, kept here, so its reviews are unchanged.
/// </summary>
public sealed class LoopbackJudgeReadingTests
{
    [Fact]
    public void Skill_names_are_the_first_definitions_for_generated_prompts()
    {
        var random = new Random(20261129);
        string[] pieces = ["Score 1: ", "Score 1:", "Score 2: x", "Factuality: ", "Name: criteria", ": ", ":", "a: b: c", "\n", "\n", "\n", "\r\n", " ", "plain", "中文: 字", "Score 1: Score 1: "];
        for (int i = 0; i < 20_000; i++)
        {
            string prompt = string.Concat(Enumerable.Range(0, random.Next(0, 16)).Select(_ => pieces[random.Next(pieces.Length)]));
            var call = new JudgeCall(1, "m", "system", prompt, "{}", new Dictionary<string, string>());
            Assert.Equal(FirstSkillNames(prompt), call.SkillNames());
        }
    }

    [Fact]
    public void Skill_names_of_a_real_prompt_are_its_skills_in_order()
    {
        ReviewPrompt prompt = ReviewPromptBuilder.Build(new JudgeRequest
        {
            Instruction = "What is 2 + 2?",
            Response = "4",
            Skills = [.. new[] { "Factuality", "Conciseness", "LogicalRobustness" }.Select(name => FlaskSkills.Catalog.Find(name)!)],
        });
        var call = new JudgeCall(1, "m", prompt.System, prompt.User, "{}", new Dictionary<string, string>());
        Assert.Equal(FirstSkillNames(prompt.User), call.SkillNames());
        Assert.Equal(3, call.SkillNames().Count);
    }

    [Fact]
    public void Words_are_the_regex_words_for_generated_texts()
    {
        var random = new Random(20261130);
        char[] alphabet = ['a', 'Z', '0', '9', ' ', '.', '_', '-', 'é', 'İ', 'K', '\u212A', 'ß', '中', '\n', 'q', 'Q'];
        for (int i = 0; i < 20_000; i++)
        {
            string text = new([.. Enumerable.Range(0, random.Next(0, 30)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            Assert.Equal(Regex.Matches(text.ToLowerInvariant(), "[a-z0-9]+").Select(m => m.Value), HeuristicReviewer.Words(text));
        }
    }

    /// <summary>The skill names as first written: the prompt split into lines.</summary>
    private static IReadOnlyList<string> FirstSkillNames(string prompt)
    {
        string[] lines = prompt.Split('\n');
        return [.. lines.Select((line, i) => (line, i))
            .Where(x => x.i + 1 < lines.Length && lines[x.i + 1].StartsWith("Score 1: ", StringComparison.Ordinal) && x.line.Contains(": "))
            .Select(x => x.line[..x.line.IndexOf(": ", StringComparison.Ordinal)])];
    }
}
