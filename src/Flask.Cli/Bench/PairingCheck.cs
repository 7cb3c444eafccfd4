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

    private static HashSet<string> Words(string text) =>
        [.. WordPattern().Matches(text).Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 4)];

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();
}
