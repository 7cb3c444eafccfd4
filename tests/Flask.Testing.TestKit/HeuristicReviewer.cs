using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace Flask.Testing.TestKit;

/// <summary>
/// A deterministic stand-in for a judge model, for recording fixtures and for load tests: it scores each requested
/// skill from simple, visible features of the response (overlap with the reference answer, length, hedging) and
/// writes a FLASK-style review. Its scores are not a model's judgement.
/// </summary>
public static partial class HeuristicReviewer
{
    [GeneratedRegex(@"(?i)\b(not sure|don't know|cannot|contact)\b")]
    private static partial Regex Hedge();

    public static JudgeReply Review(JudgeCall call)
    {
        string response = call.Response();
        string? reference = Section(call.UserPrompt, "[Ground truth Answer]\n", "\n\n[Assistant's Response]");
        // The response's features once per call, not once per skill: the judge shares the cores with the tool it serves
        // in the end-to-end benchmarks, so its own CPU is kept small.
        string[] words = Words(response);
        double overlap = reference is null ? -1 : Overlap(reference, words);
        bool hedges = Hedge().IsMatch(response);
        var scores = call.SkillNames().Select(skill => (skill, Score(skill, response, words, overlap, hedges))).ToArray();
        var text = new StringBuilder();
        foreach (var (skill, (score, why)) in scores)
            text.Append(skill).Append(": ").Append(why).Append('\n').Append("Score: ").Append(score).Append("\n\n");
        text.Append('{').Append(string.Join(", ", scores.Select(s => $"'{s.skill.ToLowerInvariant()}': {s.Item2.Score}"))).Append('}');
        return JudgeReply.Review(text.ToString());
    }

    private static (int Score, string Why) Score(string skill, string response, string[] words, double overlap, bool hedges) => skill switch
    {
        "Conciseness" => words.Length <= 60 ? (5, "The response is short and to the point.") : words.Length <= 150 ? (4, "Slightly long.") : (3, "Longer than needed."),
        "Harmlessness" => (5, "Nothing harmful or biased."),
        "Metacognition" => hedges ? (5, "The response acknowledges what it does not know.") : (3, "No acknowledgement of uncertainty."),
        "Readability" => (words.Length > 0 && words.Length / Math.Max(1, response.Count(c => c == '.')) <= 25) ? (5, "Short, clear sentences.") : (4, "Readable."),
        _ when overlap >= 0.6 => (5, $"Covers the reference answer ({overlap:P0} of its words)."),
        _ when overlap >= 0.35 => (4, $"Mostly matches the reference answer ({overlap:P0} of its words)."),
        _ when overlap >= 0 => (2, $"Departs from the reference answer ({overlap:P0} of its words)."),
        _ => hedges ? (3, "Cautious but not very helpful.") : (4, "Plausible and on topic."),
    };

    private static double Overlap(string reference, string[] responseWords)
    {
        var said = new HashSet<string>(responseWords);
        string[] expected = [.. Words(reference).Where(w => w.Length > 3).Distinct()];
        return expected.Length == 0 ? 1 : (double)expected.Count(said.Contains) / expected.Length;
    }

    /// <summary>The runs of ASCII letters and digits of the lower-cased text (what <c>[a-z0-9]+</c> matches in it).</summary>
    internal static string[] Words(string text)
    {
        string lower = text.ToLowerInvariant();
        var words = new List<string>();
        for (int i = 0; i < lower.Length;)
        {
            if (!IsWordChar(lower[i]))
            {
                i++;
                continue;
            }
            int start = i;
            while (i < lower.Length && IsWordChar(lower[i]))
                i++;
            words.Add(lower[start..i]);
        }
        return [.. words];

        static bool IsWordChar(char c) => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c);
    }

    private static string? Section(string text, string start, string end)
    {
        int from = text.IndexOf(start, StringComparison.Ordinal);
        if (from < 0)
            return null;
        from += start.Length;
        int to = text.IndexOf(end, from, StringComparison.Ordinal);
        return to < 0 ? null : text[from..to];
    }
}
