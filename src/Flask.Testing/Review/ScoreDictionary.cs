using System;
using System.Collections.Generic;
using System.Text;

namespace Flask.Testing;

/// <summary>
/// Reads the score dictionary a judge ends its review with: a Python or JSON dict with either quote style (and
/// Python's <c>u''</c>, <c>r''</c>, <c>b''</c> prefixes), bare keys, and a trailing comma allowed. Values are kept as
/// text, marked quoted or not, for <see cref="ScoreValue"/>; a list or tuple value is kept as text (it is no score).
/// </summary>
internal static class ScoreDictionary
{
    /// <summary>The entries of <paramref name="text"/> (one <c>{...}</c>) in order, or null when it is not a flat dict.</summary>
    public static List<DictEntry>? Parse(string text)
    {
        int i = 0;
        SkipSpace(text, ref i);
        if (i >= text.Length || text[i] != '{')
            return null;
        i++;
        var entries = new List<DictEntry>();
        while (true)
        {
            SkipSpace(text, ref i);
            if (i >= text.Length)
                return null;
            if (text[i] == '}')
                return entries;
            string? key = IsString(text, i) ? Quoted(text, ref i) : Bare(text, ref i, ':');
            SkipSpace(text, ref i);
            if (key is null || i >= text.Length || text[i] != ':')
                return null;
            i++;
            SkipSpace(text, ref i);
            bool quoted = IsString(text, i);
            string? value = quoted ? Quoted(text, ref i) : Bare(text, ref i, ',', '}');
            if (value is null)
                return null;
            entries.Add(new DictEntry(key.Trim(), quoted ? value : value.Trim(), quoted));
            SkipSpace(text, ref i);
            if (i < text.Length && text[i] == ',')
                i++;
            else if (i >= text.Length || text[i] != '}')
                return null;
        }
    }

    private static void SkipSpace(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
            i++;
    }

    /// <summary>Whether a string literal starts at <paramref name="i"/>: a quote, or a Python prefix and a quote.</summary>
    private static bool IsString(string text, int i)
    {
        int j = i;
        while (j < text.Length && j - i < 2 && text[j] is 'u' or 'U' or 'r' or 'R' or 'b' or 'B')
            j++;
        return j < text.Length && text[j] is '"' or '\'';
    }

    private static string? Quoted(string text, ref int i)
    {
        while (text[i] is not ('"' or '\''))
            i++;
        char quote = text[i++];
        // A string without escapes (nearly every key and value) is a piece of the text: no builder.
        int end = text.AsSpan(i).IndexOfAny(quote, '\\');
        if (end >= 0 && text[i + end] == quote)
        {
            string plain = text.Substring(i, end);
            i += end + 1;
            return plain;
        }
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
                i++;
            value.Append(text[i++]);
        }
        if (i >= text.Length)
            return null;
        i++;
        return value.ToString();
    }

    /// <summary>An unquoted key or value up to a stop character outside brackets and strings.</summary>
    private static string? Bare(string text, ref int i, params ReadOnlySpan<char> stops)
    {
        int start = i, depth = 0;
        while (i < text.Length && text[i] is not ('{' or '}' or '\n'))
        {
            char c = text[i];
            if (depth == 0 && stops.Contains(c))
                break;
            if (c is '(' or '[')
                depth++;
            else if (c is ')' or ']')
                depth--;
            else if (depth > 0 && c is '"' or '\'')
            {
                if (Quoted(text, ref i) is null)
                    return null;
                continue;
            }
            i++;
        }
        ReadOnlySpan<char> value = text.AsSpan(start, i - start).Trim();
        return value.Length == 0 || depth != 0 ? null : value.ToString();
    }
}
