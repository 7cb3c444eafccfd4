using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flask.Testing.TestKit;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// For all 1,740 FLASK instances, the judge prompt equals byte for byte what FLASK's own template produces, computed
/// here independently from FLASK's files (its prompt JSONL and skill set JSON), not from the product's copies.
/// </summary>
public sealed class PromptConformanceTests
{
    [Fact]
    public void Every_FLASK_instance_gets_FLASKs_exact_prompt()
    {
        string shared = RepoPaths.SharedFlaskOrSkip();
        var templates = File.ReadLines(Path.Combine(shared, "prompts", "review_prompt.jsonl")).Where(l => l.Trim().Length > 0)
            .Select(l => JsonDocument.Parse(l).RootElement).ToDictionary(t => t.GetProperty("prompt_id").GetInt32());
        var rubrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(shared, "skillset_description.json"))).RootElement
            .EnumerateArray().ToDictionary(s => s.GetProperty("Skill").GetString()!);
        var responses = new Dictionary<int, string>();
        foreach (string file in Directory.GetFiles(Path.Combine(shared, "model_outputs"), "*.jsonl").Order())
        {
            foreach (string line in File.ReadLines(file))
            {
                JsonElement output = JsonDocument.Parse(line).RootElement;
                responses.TryAdd(output.GetProperty("question_id").GetInt32(), output.GetProperty("text").GetString()!);
            }
        }

        int identical = 0, countAdjusted = 0;
        foreach (string line in File.ReadLines(Path.Combine(shared, "evaluation_set", "flask_evaluation.jsonl")))
        {
            JsonElement instance = JsonDocument.Parse(line).RootElement;
            int idx = instance.GetProperty("idx").GetInt32();
            string[] skillNames = [.. instance.GetProperty("skill").EnumerateArray().Select(s => s.GetString()!)];
            string? answer = instance.GetProperty("answer").GetString();
            // 40 instances have no model output in FLASK's data; they are judged on a placeholder response.
            string response = responses.GetValueOrDefault(idx, "(no model output for this instance)");

            JsonElement template = templates[answer is null ? 1 : 2];
            var fields = new Dictionary<string, string>
            {
                ["prompt1"] = template.GetProperty("defaults").GetProperty("prompt1").GetString()!,
                ["prompt2"] = template.GetProperty("defaults").GetProperty("prompt2").GetString()!,
                ["skills"] = FlaskSkillsBlock(skillNames, rubrics),
                ["question"] = instance.GetProperty("instruction").GetString()!,
                ["response"] = response,
                ["sample_answer"] = answer ?? string.Empty,
            };
            string expectedUser = PythonFormat(template.GetProperty("prompt_template").GetString()!, fields);

            ReviewPrompt prompt = ReviewPromptBuilder.Build(new JudgeRequest
            {
                Instruction = instance.GetProperty("instruction").GetString()!,
                Response = response,
                ReferenceAnswer = answer,
                Skills = [.. skillNames.Select(FlaskSkills.Get)],
            });

            Assert.Equal(template.GetProperty("system_prompt").GetString(), prompt.System);
            if (skillNames.Length == 3)
            {
                Assert.Equal(expectedUser, prompt.User);
                identical++;
            }
            else
            {
                // The one instance FLASK annotated with 2 skills: FLASK's text says "3 categories"; ours says the real count.
                Assert.Equal(expectedUser.Replace("in these 3 categories", $"in these {skillNames.Length} categories"), prompt.User);
                countAdjusted++;
            }
        }
        Assert.Equal((1739, 1), (identical, countAdjusted));
    }

    /// <summary>FLASK's skills block: "\n" + name + ": " + criteria, "\nScore 1: " … "\nScore 5: " …, then "\n\n".</summary>
    private static string FlaskSkillsBlock(IEnumerable<string> names, Dictionary<string, JsonElement> rubrics)
    {
        var block = new StringBuilder();
        foreach (string name in names)
        {
            JsonElement rubric = rubrics[name];
            block.Append('\n').Append(name).Append(": ").Append(rubric.GetProperty("Criteria").GetString());
            for (int score = 1; score <= 5; score++)
                block.Append("\nScore ").Append(score).Append(": ").Append(rubric.GetProperty("Scoring").GetProperty(score.ToString()).GetString());
            block.Append("\n\n");
        }
        return block.ToString();
    }

    /// <summary>Python's str.format with named fields: one pass, substituted text is not scanned again.</summary>
    private static string PythonFormat(string template, Dictionary<string, string> fields) =>
        Regex.Replace(template, @"\{(\w+)\}", m => fields[m.Groups[1].Value]);
}
