using System;
using System.Linq;
using System.Text;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// Data lines are read as UTF-8 bytes, not as text: a line the readers skip as blank is exactly a line whose text
/// <see cref="string.Trim()"/> empties, as when each line was decoded first.
/// </summary>
public sealed class Utf8LinesBlankTests
{
    [Fact]
    public void A_line_is_blank_exactly_when_its_text_trims_to_nothing_for_every_character_of_the_basic_plane()
    {
        for (int c = 0; c <= 0xFFFF; c++)
        {
            if (char.IsSurrogate((char)c))
                continue;
            foreach (string line in new[] { $"{(char)c}", $" {(char)c}\t", $"{(char)c}{(char)c} x", $"\u3000{(char)c}" })
                Assert.Equal(line.Trim().Length == 0, Utf8Lines.IsBlank(Encoding.UTF8.GetBytes(line)));
        }
    }

    [Fact]
    public void A_line_is_blank_exactly_when_its_text_trims_to_nothing_for_generated_lines()
    {
        var random = new Random(20261129);
        char[] white = [.. Enumerable.Range(0, 0x3001).Select(c => (char)c).Where(char.IsWhiteSpace)];
        char[] other = ['{', '"', 'a', '\u00E9', '\u4E2D', '\u200B', '\uFEFF', '\0'];
        for (int i = 0; i < 20_000; i++)
        {
            string line = new([.. Enumerable.Range(0, random.Next(0, 12)).Select(_ => random.Next(8) == 0 ? other[random.Next(other.Length)] : white[random.Next(white.Length)])]);
            Assert.Equal(line.Trim().Length == 0, Utf8Lines.IsBlank(Encoding.UTF8.GetBytes(line)));
        }
    }
}
