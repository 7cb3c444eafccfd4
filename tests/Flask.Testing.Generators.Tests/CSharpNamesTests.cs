using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Flask.Testing.Generators.Parse;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Flask.Testing.Generators.Tests;

/// <summary>
/// The rubric parser's C# name rules are its own (the CLI shares the parser and carries no Roslyn), so they are checked
/// here against Roslyn's <see cref="SyntaxFacts"/>: a skill id the build rejects is rejected by the CLI, and the reverse.
/// </summary>
public sealed class CSharpNamesTests
{
    /// <summary>Keywords of the compiler in the .NET 10 SDK (Roslyn 5.9) that the Roslyn this repository references does not know yet.</summary>
    private static readonly HashSet<string> NewerCompilerKeywords = new(StringComparer.Ordinal) { "closed", "safe", "union" };

    private static IEnumerable<string> EveryTokenText() => Enum.GetValues<SyntaxKind>()
        .Select(SyntaxFacts.GetText)
        .Where(text => text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_'))
        .Concat(NewerCompilerKeywords)
        .Distinct(StringComparer.Ordinal);

    [Fact]
    public void Every_word_is_a_keyword_exactly_when_Roslyn_says_so_or_the_newer_compiler_added_it()
    {
        foreach (string text in EveryTokenText())
        {
            bool roslyn = SyntaxFacts.GetKeywordKind(text) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(text) != SyntaxKind.None;
            Assert.True(CSharpNames.IsKeyword(text) == (roslyn || NewerCompilerKeywords.Contains(text)), $"'{text}': Roslyn says keyword = {roslyn}");
        }
    }

    [Fact]
    public void Every_word_is_a_reserved_keyword_exactly_when_Roslyn_says_so()
    {
        foreach (string text in EveryTokenText())
            Assert.True(CSharpNames.IsReservedKeyword(text) == (SyntaxFacts.GetKeywordKind(text) != SyntaxKind.None), $"'{text}'");
    }

    [Fact]
    public void Every_UTF16_unit_starts_and_continues_an_identifier_exactly_when_Roslyn_says_so()
    {
        for (int c = 0; c <= char.MaxValue; c++)
        {
            string alone = ((char)c).ToString();
            string after = "a" + (char)c;
            Assert.True(CSharpNames.IsValidIdentifier(alone) == SyntaxFacts.IsValidIdentifier(alone), $"U+{c:X4} alone");
            Assert.True(CSharpNames.IsValidIdentifier(after) == SyntaxFacts.IsValidIdentifier(after), $"U+{c:X4} after a letter");
        }
    }

    [Fact]
    public void Generated_names_are_valid_identifiers_exactly_when_Roslyn_says_so()
    {
        // Mostly identifier-like text with the characters that decide: digits, '_', '@', marks, formatting, surrogates, spaces.
        const string Alphabet = "aZ_09@ -.\u00AD\u200D\u0301\u0663\u2160\u02B0\uD835\uDC00\u00E9\u4E2D\u203F\u0000";
        var random = new Random(20261129);
        for (int i = 0; i < 20_000; i++)
        {
            var name = new StringBuilder();
            int length = random.Next(0, 6);
            for (int j = 0; j < length; j++)
                name.Append(Alphabet[random.Next(Alphabet.Length)]);
            string text = name.ToString();
            Assert.True(CSharpNames.IsValidIdentifier(text) == SyntaxFacts.IsValidIdentifier(text), $"'{text}' ({string.Join(" ", text.Select(ch => ((int)ch).ToString("X4")))})");
        }
        Assert.False(CSharpNames.IsValidIdentifier(null));
    }
}
