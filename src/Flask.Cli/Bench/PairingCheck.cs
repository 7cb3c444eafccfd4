using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Flask.Testing;

namespace Flask.Cli.Bench;

/// <summary>
/// Whether a responses file answers the data set's instructions or another set's with the same ids: a response shares
/// words with its own instruction far more than with another instruction (on FLASK's 15 model outputs, 25-58 % of an
/// instruction's words against 3-10 % for a neighbour's; paired by id with FLASK-HARD, both 1-6 %).
/// </summary>
internal static partial class PairingCheck
{
    /// <summary>Fewer pairs say too little to warn.</summary>
    private const int MinPairs = 10;

    /// <summary>A warning when the pairs look no better than pairs of unrelated instructions and responses, else null.</summary>
    public static string? Warning(IReadOnlyList<(FlaskInstance Instance, string Response)> pairs, string datasetPath, string responsesPath)
    {
        if (pairs.Count < MinPairs)
            return null;
        HashSet<string>[] instructions = [.. pairs.Select(p => Words(p.Instance.Instruction))];
        HashSet<string>[] responses = [.. pairs.Select(p => Words(p.Response))];
        double own = 0, neighbour = 0;
        for (int i = 0; i < pairs.Count; i++)
        {
            own += Overlap(instructions[i], responses[i]);
            neighbour += Overlap(instructions[i], responses[(i + 1) % pairs.Count]);
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

    private static double Overlap(HashSet<string> instruction, HashSet<string> response) =>
        instruction.Count == 0 ? 0 : instruction.Count(response.Contains) / (double)instruction.Count;

    /// <summary>The distinct lower-case words of 4 letters or more.</summary>
    /// <remarks>
    /// Over spans, a string only for a word not seen yet in the text: it runs over every selected pair before the
    /// first judge call, and a <see cref="Match"/> and a lower-case copy per word were a visible part of a bench's start.
    /// </remarks>
    internal static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> lower = stackalloc char[64];
        foreach (ValueMatch match in WordPattern().EnumerateMatches(text))
        {
            if (match.Length < 4)
                continue;
            ReadOnlySpan<char> word = text.AsSpan(match.Index, match.Length);
            if (word.Length > lower.Length)
                words.Add(word.ToString().ToLowerInvariant());
            else
                lookup.Add(lower[..word.ToLowerInvariant(lower)]);
        }
        return words;
    }

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();
}
