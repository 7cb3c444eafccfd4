using System;
using System.Buffers;

namespace Flask.Testing;

/// <summary>
/// Where the label and the rest of a review line are, when the line is a labelled line (<c>Logical Robustness: 4</c>,
/// <c>**Readability** - clear</c>) or a heading (<c>### Factuality</c>). Every line of every review is asked: these are
/// loops over the line that give the ranges without a <c>Match</c>, its groups or their strings.
/// </summary>
/// <remarks>
/// Each reader is exactly what a regex it replaced matched, kept as the oracle in ReviewLineShapePreviousDefinitionTests:
/// the same backtracking order (prefix as long as possible, label as short as possible, the marks after it as long as
/// possible), on the same character classes (.NET's <c>\s</c> is <see cref="char.IsWhiteSpace(char)"/>, its <c>\d</c>
/// <see cref="char.IsDigit(char)"/>), so the same label wins.
/// </remarks>
internal static class ReviewLineShape
{
    // The separators a labelled line has at least one of: a line without any is not one, without the search below.
    private static readonly SearchValues<char> SeparatorChars = SearchValues.Create(":=-–—");

    /// <summary>
    /// What <c>^[\s&gt;#*_`\-\d.)]*(?&lt;label&gt;[^:=\n]{1,80}?)[\s*_`]*(?:[:=]|\s[-–—]\s)\s*(?&lt;rest&gt;.*)$</c>
    /// matched: the label and the rest (both untrimmed, as the groups were).
    /// </summary>
    public static bool TryLabelled(ReadOnlySpan<char> line, out Range label, out Range rest)
    {
        (label, rest) = (default, default);
        if (line.IndexOfAny(SeparatorChars) < 0)
            return false;
        int n = line.Length;
        // `\s*(?<rest>.*)$` after the separator: `.` stops at '\n' and `$` is the end or a final '\n', so the rest reads
        // only when no '\n' but a final one follows its first non-space character (a review line has none at all).
        int lastInnerNewline = n < 2 ? -1 : line[..(n - 1)].LastIndexOf('\n');
        int prefix = 0;
        while (prefix < n && IsPrefixMark(line[prefix]))
            prefix++;
        for (int p = prefix; p >= 0; p--)
        {
            for (int q = p + 1; q <= n && q - p <= 80; q++)
            {
                if (line[q - 1] is ':' or '=' or '\n')
                    break;
                int marks = 0;
                while (q + marks < n && line[q + marks] is var c && (char.IsWhiteSpace(c) || c is '*' or '_' or '`'))
                    marks++;
                for (int t = marks; t >= 0; t--)
                {
                    int r = q + t;
                    int separator = r < n && line[r] is ':' or '=' ? 1
                        : r + 2 < n && char.IsWhiteSpace(line[r]) && line[r + 1] is '-' or '–' or '—' && char.IsWhiteSpace(line[r + 2]) ? 3
                        : 0;
                    if (separator == 0)
                        continue;
                    int start = r + separator;
                    while (start < n && char.IsWhiteSpace(line[start]))
                        start++;
                    if (lastInnerNewline >= start)
                        continue;
                    int end = n > 0 && start < n && line[n - 1] == '\n' ? n - 1 : n;
                    (label, rest) = (p..q, start..end);
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// What <c>^[\s&gt;#*_`\-\d.)]*(?&lt;label&gt;[A-Za-z][A-Za-z _\-]{1,80}?)[\s*_`:]*$</c> matched: the label
    /// (untrimmed, as the group was).
    /// </summary>
    public static bool TryHeading(ReadOnlySpan<char> line, out Range label)
    {
        label = default;
        int n = line.Length;
        // The tail `[\s*_`:]*$` reads from any point at or after `tail` (its class has '\n', so `$` before a final '\n'
        // adds nothing).
        int tail = n;
        while (tail > 0 && line[tail - 1] is var c && (char.IsWhiteSpace(c) || c is '*' or '_' or '`' or ':'))
            tail--;
        int prefix = 0;
        while (prefix < n && IsPrefixMark(line[prefix]))
            prefix++;
        for (int p = prefix; p >= 0; p--)
        {
            if (p >= n || !char.IsAsciiLetter(line[p]))
                continue;
            for (int q = p + 2; q <= n && q - p <= 81; q++)
            {
                if (line[q - 1] is var c && !(char.IsAsciiLetter(c) || c is ' ' or '_' or '-'))
                    break;
                if (q >= tail)
                {
                    label = p..q;
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The class <c>[\s&gt;#*_`\-\d.)]</c>: list marks, quote marks, emphasis and numbering before a label.</summary>
    private static bool IsPrefixMark(char c) => char.IsWhiteSpace(c) || char.IsDigit(c) || c is '>' or '#' or '*' or '_' or '`' or '-' or '.' or ')';
}
