using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Flask.Cli.Bench;
using Flask.Testing;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>
/// The pairing check, which no longer builds a word set per response nor runs a regular expression, gives exactly the
/// verdict (and the same percentages) of its first definition, kept here as the reference.
/// </summary>
public sealed class PairingCheckVerdictTests
{
    [Fact]
    public void Warning_is_the_first_definitions_warning_for_generated_pairs()
    {
        var random = new Random(20261129);
        string[] vocabulary = [.. Enumerable.Range(0, 400).Select(i => Word(random)), "Straße", "ÉCOLE", "İstanbul", "snake_case", "ΣΊΣΥΦΟΣ", "中文字符"];
        int warned = 0;
        for (int run = 0; run < 300; run++)
        {
            int count = random.Next(0, 40);
            string[] instructions = [.. Enumerable.Range(0, count).Select(_ => Text(random, vocabulary, random.Next(0, 30)))];
            // Answers of their own instructions (sharing words with them), of shifted instructions, or unrelated.
            int shift = random.Next(3) == 0 ? random.Next(1, Math.Max(2, count)) : 0;
            double related = random.NextDouble();
            (FlaskInstance, string)[] pairs = [.. Enumerable.Range(0, count).Select(i =>
            {
                string own = instructions[(i + shift) % count];
                string answer = random.NextDouble() < related
                    ? string.Join(' ', own.Split(' ').Where(_ => random.Next(3) > 0)) + " " + Text(random, vocabulary, random.Next(0, 200))
                    : Text(random, vocabulary, random.Next(0, 200));
                return (new FlaskInstance { Id = i.ToString(CultureInfo.InvariantCulture), Instruction = instructions[i] }, answer);
            })];

            string? expected = FirstDefinition(pairs, "data.jsonl", "responses.jsonl");
            Assert.Equal(expected, PairingCheck.Warning(pairs, "data.jsonl", "responses.jsonl"));
            warned += expected is null ? 0 : 1;
        }
        Assert.InRange(warned, 30, 270); // both verdicts were exercised
    }

    [Fact]
    public void More_pairs_than_the_maximum_are_checked_on_pairs_spread_evenly()
    {
        var random = new Random(20261130);
        string[] vocabulary = [.. Enumerable.Range(0, 400).Select(i => Word(random))];
        int warned = 0;
        for (int run = 0; run < 12; run++)
        {
            int count = random.Next(PairingCheck.MaxPairs + 1, 3 * PairingCheck.MaxPairs);
            string[] instructions = [.. Enumerable.Range(0, count).Select(_ => Text(random, vocabulary, random.Next(5, 30)))];
            int shift = run % 2 == 0 ? 0 : random.Next(1, count);
            (FlaskInstance, string)[] pairs = [.. Enumerable.Range(0, count).Select(i =>
                (new FlaskInstance { Id = i.ToString(CultureInfo.InvariantCulture), Instruction = instructions[i] },
                 instructions[(i + shift) % count] + " " + Text(random, vocabulary, random.Next(0, 60))))];
            (FlaskInstance, string)[] spread = [.. Enumerable.Range(0, PairingCheck.MaxPairs).Select(i => pairs[(int)((long)i * count / PairingCheck.MaxPairs)])];

            string? expected = FirstDefinition(spread, "data.jsonl", "responses.jsonl");
            Assert.Equal(expected, PairingCheck.Warning(pairs, "data.jsonl", "responses.jsonl"));
            Assert.Equal(shift != 0, expected is not null); // answers of other instructions warn, their own do not
            warned += expected is null ? 0 : 1;
        }
        Assert.Equal(6, warned);
    }

    [Fact]
    public void Words_are_the_regex_words_for_every_character_of_the_basic_plane()
    {
        // Each UTF-16 unit alone, then between letters: the hand-written word scanner against \w+.
        for (int c = 0; c <= 0xFFFF; c++)
        {
            string text = $"abcd{(char)c}efgh {(char)c}{(char)c}{(char)c}{(char)c}";
            string[] expected = [.. Regex.Matches(text, @"\w+").Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 4).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
            Assert.Equal(expected, PairingCheck.Words(text).Order(StringComparer.Ordinal));
        }
    }

    private static string Word(Random random) =>
        new([.. Enumerable.Range(0, random.Next(1, 11)).Select(_ => random.Next(8) == 0 ? (char)random.Next(0xC0, 0x250) : (char)random.Next('a', 'z' + 1))]);

    private static string Text(Random random, string[] vocabulary, int words) =>
        string.Join(random.Next(4) == 0 ? ", " : " ", Enumerable.Range(0, words).Select(_ => random.Next(5) == 0 ? vocabulary[random.Next(vocabulary.Length)].ToUpperInvariant() : vocabulary[random.Next(vocabulary.Length)]));

    /// <summary>The check as first written (a word set per instruction and per response, words by regular expression).</summary>
    private static string? FirstDefinition(IReadOnlyList<(FlaskInstance Instance, string Response)> pairs, string datasetPath, string responsesPath)
    {
        if (pairs.Count < 10)
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

        static double Overlap(HashSet<string> instruction, HashSet<string> response) =>
            instruction.Count == 0 ? 0 : instruction.Count(response.Contains) / (double)instruction.Count;

        static HashSet<string> Words(string text) =>
            [.. Regex.Matches(text, @"\w+").Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 4)];
    }
}
