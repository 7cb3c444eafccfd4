using System;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// A review line is compared with the response's lines trimmed, lowercased and with white space folded: the loop that
/// does it gives exactly what its first definition, <c>Regex.Replace(line.Trim(), @"\s+", " ").ToLowerInvariant()</c>, gave.
/// </summary>
public sealed class ReviewLineNormalizeTests
{
    private static string First(string line) => Regex.Replace(line.Trim(), @"\s+", " ").ToLowerInvariant();

    [Fact]
    public void Every_UTF16_unit_between_words_folds_as_the_regex_folds_it()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            string line = $" Score{(char)c}{(char)c}Five {(char)c}";
            Assert.Equal(First(line), ReviewParser.Normalize(line));
        }
    }

    [Fact]
    public void Generated_lines_normalize_as_the_regex_normalizes_them()
    {
        var random = new Random(20261129);
        string[] pieces = ["Conciseness", ": ", "5", "  ", "\t", "\r", "\u00A0", "\u2003", "\u2028", "\u0085", "\u200B", "ÉCOLE", "İ", "Σ", "𐐀", "😀", "**", "> "];
        for (int i = 0; i < 5_000; i++)
        {
            string line = string.Concat(Enumerable.Range(0, random.Next(0, 20)).Select(_ => random.Next(4) == 0
                ? ((char)random.Next(0, 0x3000)).ToString()
                : pieces[random.Next(pieces.Length)]));
            Assert.Equal(First(line), ReviewParser.Normalize(line));
        }
    }
}
