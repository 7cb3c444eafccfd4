using System.Collections.Generic;
using System.Linq;
using Flask.Testing;
using Microsoft.ML.Tokenizers;

namespace Flask.Cli.Bench;

/// <summary>What a bench run would cost, without calling anything: judge calls and tokens (cl100k, as GPT-4 counts).</summary>
internal static class DryRun
{
    public static (int Calls, long InputTokens, long MaxOutputTokens) Estimate(IEnumerable<(FlaskInstance Instance, string Response)> work, SkillCatalog catalog, int maxOutputTokens)
    {
        Tokenizer tokenizer = TiktokenTokenizer.CreateForModel("gpt-4");
        int calls = 0;
        long input = 0;
        foreach (var (instance, response) in work)
        {
            ReviewPrompt prompt = ReviewPromptBuilder.Build(new JudgeRequest
            {
                Instruction = instance.Instruction,
                Response = response,
                ReferenceAnswer = instance.Reference,
                Skills = [.. instance.Skills.Select(catalog.Get)],
            });
            input += tokenizer.CountTokens(prompt.System) + tokenizer.CountTokens(prompt.User);
            calls++;
        }
        return (calls, input, (long)calls * maxOutputTokens);
    }
}
