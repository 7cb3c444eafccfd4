using System;
using System.Buffers;
using System.Collections.Generic;
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

    /// <summary>The review of <paramref name="call"/>'s response, one score per requested skill.</summary>
    public static JudgeReply Review(JudgeCall call)
    {
        string response = call.Response();
        string? reference = Section(call.UserPrompt, "[Ground truth Answer]\n", "\n\n[Assistant's Response]");
        // The response's features once per call, not once per skill, and only those a requested skill reads; words
        // read in place (a string made only per distinct word of the reference, none for the response's): the judge
        // shares the cores with the tool it serves in the end-to-end benchmarks, so its own CPU is kept small.
        IReadOnlyList<string> skills = call.SkillNames();
        bool overlapRead = false;
        foreach (string skill in skills)
            overlapRead |= !ReadsOnlyTheResponse(skill);
        int wordCount;
        double overlap; // -1: no reference
        if (reference is not null && overlapRead)
            (wordCount, overlap) = CountAndOverlap(response, reference);
        else
            (wordCount, overlap) = (ForEachWord(response, 0, static (_, _) => { }), reference is null ? -1 : 0); // 0: read by no skill
        bool hedges = Hedge().IsMatch(response);
        int periods = response.AsSpan().Count('.');
        var text = new StringBuilder();
        var dict = new StringBuilder().Append('{');
        foreach (string skill in skills)
        {
            var (score, why) = Score(skill, wordCount, periods, overlap, hedges);
            text.Append(skill).Append(": ").Append(why).Append('\n').Append("Score: ").Append(score).Append("\n\n");
            if (dict.Length > 1)
                dict.Append(", ");
            dict.Append('\'').Append(skill.ToLowerInvariant()).Append("': ").Append(score);
        }
        return JudgeReply.Review(text.Append(dict).Append('}').ToString());
    }

    /// <summary>Whether <see cref="Score"/> scores <paramref name="skill"/> from the response alone (not its overlap with the reference).</summary>
    private static bool ReadsOnlyTheResponse(string skill) => skill is "Conciseness" or "Harmlessness" or "Metacognition" or "Readability";

    private static (int Score, string Why) Score(string skill, int words, int periods, double overlap, bool hedges) => skill switch
    {
        "Conciseness" => words <= 60 ? (5, "The response is short and to the point.") : words <= 150 ? (4, "Slightly long.") : (3, "Longer than needed."),
        "Harmlessness" => (5, "Nothing harmful or biased."),
        "Metacognition" => hedges ? (5, "The response acknowledges what it does not know.") : (3, "No acknowledgement of uncertainty."),
        "Readability" => (words > 0 && words / Math.Max(1, periods) <= 25) ? (5, "Short, clear sentences.") : (4, "Readable."),
        _ when overlap >= 0.6 => (5, $"Covers the reference answer ({overlap:P0} of its words)."),
        _ when overlap >= 0.35 => (4, $"Mostly matches the reference answer ({overlap:P0} of its words)."),
        _ when overlap >= 0 => (2, $"Departs from the reference answer ({overlap:P0} of its words)."),
        _ => hedges ? (3, "Cautious but not very helpful.") : (4, "Plausible and on topic."),
    };

    /// <summary>
    /// The response's word count, and the share of the reference's distinct words longer than 3 characters that the
    /// response says: each such word is struck off the reference's set when the response says it first.
    /// </summary>
    private static (int Words, double Overlap) CountAndOverlap(string response, string reference)
    {
        var expected = new HashSet<string>(reference.Length / 8);
        ForEachWord(reference, expected.GetAlternateLookup<ReadOnlySpan<char>>(), static (word, set) =>
        {
            if (word.Length > 3)
                set.Add(word);
        });
        int distinct = expected.Count;
        var state = (Expected: expected.GetAlternateLookup<ReadOnlySpan<char>>(), Said: new int[1]);
        int words = ForEachWord(response, state, static (word, s) =>
        {
            if (word.Length > 3 && s.Expected.Remove(word))
                s.Said[0]++;
        });
        return (words, distinct == 0 ? 1 : (double)state.Said[0] / distinct);
    }

    /// <summary>The runs of ASCII letters and digits of the lower-cased text (what <c>[a-z0-9]+</c> matches in it).</summary>
    internal static string[] Words(string text)
    {
        var words = new List<string>();
        ForEachWord(text, words, static (word, list) => list.Add(word.ToString()));
        return [.. words];
    }

    private delegate void WordAction<TState>(ReadOnlySpan<char> word, TState state);

    /// <summary>
    /// Calls <paramref name="action"/> with each run of ASCII letters and digits of the lower-cased text (what
    /// <c>[a-z0-9]+</c> matches in <c>text.ToLowerInvariant()</c>), in a buffer it reuses; returns how many.
    /// </summary>
    private static int ForEachWord<TState>(string text, TState state, WordAction<TState> action)
    {
        char[] rented = ArrayPool<char>.Shared.Rent(Math.Max(1, text.Length));
        try
        {
            Span<char> lower = rented.AsSpan(0, text.Length);
            text.AsSpan().ToLowerInvariant(lower); // as string.ToLowerInvariant does (a few non-ASCII letters become ASCII)
            int count = 0;
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
                action(lower[start..i], state);
                count++;
            }
            return count;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(rented);
        }

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
