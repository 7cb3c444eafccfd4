using System;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Flask.Testing.Tests;

/// <summary>
/// The review reader found a line's label and rest with two regexes and their Match, Group and string objects; it now
/// finds them with loops over the line (<see cref="ReviewLineShape"/>). On generated lines each loop gives exactly what
/// its regex, kept here as the previous definition, gave: whether the line matches, and each group's text.
/// </summary>
public sealed class ReviewLineShapePreviousDefinitionTests
{
    private static readonly Regex LabelledLine = new(@"^[\s>#*_`\-\d.)]*(?<label>[^:=\n]{1,80}?)[\s*_`]*(?:[:=]|\s[-–—]\s)\s*(?<rest>.*)$");

    private static readonly Regex HeadingLine = new(@"^[\s>#*_`\-\d.)]*(?<label>[A-Za-z][A-Za-z _\-]{1,80}?)[\s*_`:]*$");

    // What judges put around and between labels and scores: markdown, list marks, numbering, every separator the
    // regex knows (and the dashes it does not), digits of other scripts, spaces of other kinds, newlines.
    private static readonly string[] Pieces =
    [
        "Logical Robustness", "Readability", "Score", "score", "Rating", "Factuality", "of", "User", "Alignment", "x", "İ", "Σ", "😀", "\uD801",
        " ", "  ", "\t", "\u00A0", "\u2003", "\u2028", "\u0085", "\r", "\n", "\n", "\r\n",
        ":", ":", "=", "-", " - ", " – ", " — ", "–", "—", " -", "- ", "‐", "−",
        "*", "**", "_", "__", "`", "#", "### ", ">", "> ", "1.", "2)", ".", ")", "(", "٣", "५", "4", "5", "4/5", "N/A",
        "\"", "'", "{", "}", ",", "é", "a", "Z", "z",
    ];

    private static string Line(Random random)
    {
        int shape = random.Next(20);
        // Long labels: the regex's {1,80} bound decides where a label may end.
        if (shape == 0)
            return Prefix(random) + new string('a', random.Next(70, 95)) + Separator(random) + Pieces[random.Next(Pieces.Length)];
        if (shape == 1)
            return Prefix(random) + string.Concat(Enumerable.Range(0, random.Next(75, 90)).Select(_ => random.Next(6) == 0 ? ' ' : (char)('a' + random.Next(26)))) + (random.Next(2) == 0 ? "**:" : " ");
        return string.Concat(Enumerable.Range(0, random.Next(0, 14)).Select(_ => random.Next(6) == 0
            ? ((char)random.Next(0, 0x3000)).ToString()
            : Pieces[random.Next(Pieces.Length)]));
    }

    private static string Prefix(Random random) => random.Next(4) switch
    {
        0 => string.Empty,
        1 => "**",
        2 => "- 1. ",
        _ => "### ",
    };

    private static string Separator(Random random) => new[] { ":", "=", " - ", " — ", "**:", " ", "\n:" }[random.Next(7)];

    [Fact]
    public void A_labelled_line_has_the_label_and_rest_the_regex_found()
    {
        var random = new Random(20261130);
        int matched = 0, multiline = 0;
        for (int i = 0; i < 200_000; i++)
        {
            string line = Line(random);
            Match expected = LabelledLine.Match(line);
            bool found = ReviewLineShape.TryLabelled(line, out Range label, out Range rest);
            Assert.True(expected.Success == found, $"'{Escape(line)}': the regex {(expected.Success ? "matched" : "did not match")}");
            if (!found)
                continue;
            matched++;
            multiline += line.Contains('\n', StringComparison.Ordinal) ? 1 : 0;
            Assert.Equal(expected.Groups["label"].Value, line[label]);
            Assert.Equal(expected.Groups["rest"].Value, line[rest]);
        }
        // Both answers are common, and lines with newlines are among the matched ones.
        Assert.InRange(matched, 40_000, 160_000);
        Assert.True(multiline > 1_000, $"only {multiline} matched lines with a newline");
    }

    [Fact]
    public void A_heading_has_the_label_the_regex_found()
    {
        var random = new Random(20261131);
        int matched = 0;
        for (int i = 0; i < 200_000; i++)
        {
            // Shorter lines of letters and marks: most generated lines are no heading at all.
            string line = random.Next(3) == 0 ? Line(random) : string.Concat(Enumerable.Range(0, random.Next(0, 8)).Select(_ => Pieces[random.Next(Pieces.Length)]));
            Match expected = HeadingLine.Match(line);
            bool found = ReviewLineShape.TryHeading(line, out Range label);
            Assert.True(expected.Success == found, $"'{Escape(line)}': the regex {(expected.Success ? "matched" : "did not match")}");
            if (!found)
                continue;
            matched++;
            Assert.Equal(expected.Groups["label"].Value, line[label]);
        }
        Assert.InRange(matched, 10_000, 190_000);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":")]
    [InlineData("a:")]
    [InlineData("a:\n")]
    [InlineData("a: b\n")]
    [InlineData("a: b\nc")]
    [InlineData("a: \n b")]
    [InlineData("a - : b")]
    [InlineData("**Logical Robustness**: 4")]
    [InlineData("1. **Readability** — clear")]
    [InlineData("Score = 4/5")]
    [InlineData("### Factuality")]
    [InlineData("**Factuality:**")]
    [InlineData("Ab\n")]
    [InlineData("- Logical_Robustness -")]
    public void Hand_picked_lines_read_as_the_regexes_read_them(string line)
    {
        Match labelled = LabelledLine.Match(line);
        Assert.Equal(labelled.Success, ReviewLineShape.TryLabelled(line, out Range label, out Range rest));
        if (labelled.Success)
            Assert.Equal((labelled.Groups["label"].Value, labelled.Groups["rest"].Value), (line[label], line[rest]));
        Match heading = HeadingLine.Match(line);
        Assert.Equal(heading.Success, ReviewLineShape.TryHeading(line, out Range headingLabel));
        if (heading.Success)
            Assert.Equal(heading.Groups["label"].Value, line[headingLabel]);
    }

    private static string Escape(string line) => line.Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal);
}
