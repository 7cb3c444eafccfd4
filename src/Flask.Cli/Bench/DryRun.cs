using System.Collections.Generic;
using System.Text.RegularExpressions;
using Flask.Testing;
using Microsoft.ML.Tokenizers;

namespace Flask.Cli.Bench;

/// <summary>What a bench run would cost, without calling anything: judge calls and tokens (cl100k, as GPT-4 counts).</summary>
internal static partial class DryRun
{
    /// <summary>
    /// Longer runs of non-space (or of space) characters are counted in pieces of this many characters: BPE's cost on one pre-token grows
    /// faster than quadratically (a 1 MB word would take hours), and a piecewise count differs only at the cuts.
    /// </summary>
    internal const int LongRun = 256;

    public static (int Calls, long InputTokens, long MaxOutputTokens) Estimate(IEnumerable<(FlaskInstance Instance, string Response)> work, SkillCatalog catalog, int maxOutputTokens)
    {
        Tokenizer tokenizer = TiktokenTokenizer.CreateForModel("gpt-4");
        int calls = 0;
        long input = 0;
        foreach (var (instance, response) in work)
        {
            // The very request bench sends, instance rubrics included (FLASK-HARD's checklists are a large part of its prompts).
            ReviewPrompt prompt = ReviewPromptBuilder.Build(JudgeRequestBuilder.Build(instance, response, catalog));
            input += Count(tokenizer, prompt.System) + Count(tokenizer, prompt.User);
            calls++;
        }
        return (calls, input, (long)calls * maxOutputTokens);
    }

    /// <summary>The tokens of <paramref name="text"/>; exact unless it has a run of more than <see cref="LongRun"/> characters without a change between space and non-space.</summary>
    internal static long Count(Tokenizer tokenizer, string text)
    {
        long count = 0;
        int start = 0;
        foreach (Match run in LongRunPattern().Matches(text))
        {
            count += tokenizer.CountTokens(text[start..run.Index]);
            for (int at = run.Index; at < run.Index + run.Length; at += LongRun)
                count += tokenizer.CountTokens(text.Substring(at, System.Math.Min(LongRun, run.Index + run.Length - at)));
            start = run.Index + run.Length;
        }
        return count + tokenizer.CountTokens(text[start..]);
    }

    [GeneratedRegex(@"\S{257,}|\s{257,}")]
    private static partial Regex LongRunPattern();
}
