using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Flask.Testing;

namespace Flask.Cli.Bench;

/// <summary>
/// Whether a responses file answers the data set's instructions or another set's with the same ids: a response shares
/// words with its own instruction far more than with another instruction (on FLASK's 15 model outputs, 25-58 % of an
/// instruction's words against 3-10 % for a neighbour's; paired by id with FLASK-HARD, both 1-6 %).
/// </summary>
internal static class PairingCheck
{
    /// <summary>Fewer pairs say too little to warn.</summary>
    private const int MinPairs = 10;

    /// <summary>
    /// More pairs than this are checked on this many, spread evenly over them: the shares differ by a factor of 3 or more,
    /// which a few hundred pairs show as surely as 1,700, and the check runs before the first judge call.
    /// </summary>
    internal const int MaxPairs = 400;

    /// <summary>Words up to this length are lower-cased on the stack; longer ones (rare) become strings.</summary>
    private const int StackWord = 64;

    /// <summary>
    /// A warning when the pairs look no better than pairs of unrelated instructions and responses, else null; checked on at
    /// most <see cref="MaxPairs"/> of them.
    /// </summary>
    /// <remarks>
    /// A response is only ever compared with two instructions (its own and the one before it among the pairs checked:
    /// past <see cref="MaxPairs"/>, the previous pair sampled), so its words are looked
    /// up in those two instructions' word sets as they are read: no set of the response's own words is built. Responses
    /// are most of the text, and building their sets was most of the check's cost before the first judge call.
    /// </remarks>
    public static string? Warning(IReadOnlyList<(FlaskInstance Instance, string Response)> pairs, string datasetPath, string responsesPath)
    {
        if (pairs.Count < MinPairs)
            return null;
        if (pairs.Count > MaxPairs)
            pairs = Spread(pairs);
        var instructions = new InstructionWords[pairs.Count];
        for (int i = 0; i < pairs.Count; i++)
            instructions[i] = new InstructionWords(pairs[i].Instance.Instruction);
        // own[i]: instruction i against response i; neighbour[i]: instruction i against response i + 1 (wrapping).
        var ownShare = new double[pairs.Count];
        var neighbourShare = new double[pairs.Count];
        for (int j = 0; j < pairs.Count; j++)
        {
            int before = (j - 1 + pairs.Count) % pairs.Count;
            (ownShare[j], neighbourShare[before]) = Shares(pairs[j].Response, instructions[j], instructions[before]);
        }
        double own = 0, neighbour = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            own += ownShare[i];
            neighbour += neighbourShare[i];
        }
        own /= pairs.Count;
        neighbour /= pairs.Count;
        if (own >= 2 * neighbour && own > 0)
            return null;
        return string.Create(CultureInfo.InvariantCulture,
            $"warning: the responses of {responsesPath} do not look like answers to the instructions of {datasetPath} with the same ids " +
            $"(a response shares {own:P0} of its instruction's words, as much as {neighbour:P0} with another instruction's): are both keyed by the same set's ids? " +
            $"For FLASK-HARD (own ids 1..89) with FLASK's model outputs (the main set's ids), pass --id-map flask_evaluation.jsonl.");
    }

    /// <summary><see cref="MaxPairs"/> of <paramref name="pairs"/>, spread evenly from the first, in their order.</summary>
    private static (FlaskInstance Instance, string Response)[] Spread(IReadOnlyList<(FlaskInstance Instance, string Response)> pairs) =>
        [.. Enumerable.Range(0, MaxPairs).Select(i => pairs[(int)((long)i * pairs.Count / MaxPairs)])];

    /// <summary>The share of <paramref name="a"/>'s and of <paramref name="b"/>'s words that occur in <paramref name="response"/>.</summary>
    private static (double A, double B) Shares(string response, InstructionWords a, InstructionWords b)
    {
        a.StartCount();
        b.StartCount();
        EachWord(response, word =>
        {
            a.Saw(word);
            b.Saw(word);
        });
        return (a.Share, b.Share);
    }

    /// <summary>The distinct lower-case words of 4 letters or more.</summary>
    internal static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        EachWord(text, word => lookup.Add(word));
        return words;
    }

    private delegate void WordAction(ReadOnlySpan<char> word);

    /// <summary>Each word of 4 letters or more, lower-cased (on the stack, but for the rare word longer than <see cref="StackWord"/>).</summary>
    private static void EachWord(string text, WordAction action)
    {
        Span<char> lower = stackalloc char[StackWord];
        int at = 0;
        while (NextWord(text, ref at, out int start, out int length))
        {
            if (length < 4)
                continue;
            ReadOnlySpan<char> word = text.AsSpan(start, length);
            action(word.Length > lower.Length ? word.ToString().ToLowerInvariant() : lower[..word.ToLowerInvariant(lower)]);
        }
    }

    /// <summary>
    /// The next run of word characters from <paramref name="at"/>: what the regular expression <c>\w+</c> matches
    /// (letters, non-spacing marks, decimal digits and connector punctuation, per UTF-16 unit), without its engine.
    /// </summary>
    private static bool NextWord(string text, ref int at, out int start, out int length)
    {
        int i = at;
        while (i < text.Length && !IsWordChar(text[i]))
            i++;
        start = i;
        while (i < text.Length && IsWordChar(text[i]))
            i++;
        length = i - start;
        at = i;
        return length > 0;
    }

    private static bool IsWordChar(char c)
    {
        if (char.IsAscii(c))
            return char.IsAsciiLetterOrDigit(c) || c == '_';
        return char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.ConnectorPunctuation;
    }

    /// <summary>An instruction's distinct words, and which of them the response being read has shown so far.</summary>
    private sealed class InstructionWords
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly int[] _seenIn;
        private int _round;
        private int _found;

        public InstructionWords(string instruction)
        {
            foreach (string word in Words(instruction))
                _index.Add(word, _index.Count);
            _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
            _seenIn = new int[_index.Count];
        }

        /// <summary>The share of the instruction's words seen since <see cref="StartCount"/>; 0 for an instruction without words.</summary>
        public double Share => _index.Count == 0 ? 0 : _found / (double)_index.Count;

        /// <summary>Starts counting the words of another response.</summary>
        public void StartCount()
        {
            _round++;
            _found = 0;
        }

        public void Saw(ReadOnlySpan<char> word)
        {
            if (_lookup.TryGetValue(word, out int index) && _seenIn[index] != _round)
            {
                _seenIn[index] = _round;
                _found++;
            }
        }
    }
}
