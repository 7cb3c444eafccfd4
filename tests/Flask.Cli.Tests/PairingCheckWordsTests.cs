using System;
using System.Linq;
using System.Text.RegularExpressions;
using Flask.Cli.Bench;
using Xunit;

namespace Flask.Cli.Tests;

/// <summary>The pairing check's words, counted over spans, are exactly the words of its first definition.</summary>
public sealed class PairingCheckWordsTests
{
    [Fact]
    public void Words_over_spans_are_the_lower_cased_regex_words_for_generated_texts()
    {
        var random = new Random(20261129);
        string[] pieces = ["the", "Word", "ÉCOLE", "straße", "İstanbul", "ΣΊΣΥΦΟΣ", "中文字符", "snake_case_name", "x2024y", "a-b", " ", "\n", ", ", "...", "😀", "\u0130I"];
        for (int i = 0; i < 2_000; i++)
        {
            string text = string.Concat(Enumerable.Range(0, random.Next(0, 60)).Select(_ => random.Next(5) switch
            {
                0 => new string((char)random.Next('A', 'z' + 1), random.Next(1, 130)), // words longer than the stack buffer too
                1 => new string([.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)random.Next(0x20, 0x2000))]),
                _ => pieces[random.Next(pieces.Length)],
            }));
            string[] expected = [.. Regex.Matches(text, @"\w+").Select(m => m.Value.ToLowerInvariant()).Where(w => w.Length >= 4).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

            Assert.Equal(expected, PairingCheck.Words(text).Order(StringComparer.Ordinal));
        }
    }
}
