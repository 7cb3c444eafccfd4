using System.Collections.Generic;
using System.Text;

namespace Flask.Testing;

/// <summary>
/// Reads the score dictionary a judge ends its review with: a Python or JSON dict with either quote style, bare keys,
/// and a trailing comma allowed. Values are kept as text for <see cref="ScoreValue"/>.
/// </summary>
internal static class ScoreDictionary
{
    /// <summary>The key/value pairs of <paramref name="text"/> (one <c>{...}</c>), or null when it is not a flat dict.</summary>
    public static List<KeyValuePair<string, string>>? Parse(string text)
    {
        int i = 0;
        SkipSpace(text, ref i);
        if (i >= text.Length || text[i] != '{')
            return null;
        i++;
        var pairs = new List<KeyValuePair<string, string>>();
        while (true)
        {
            SkipSpace(text, ref i);
            if (i >= text.Length)
                return null;
            if (text[i] == '}')
                return pairs;
            string? key = text[i] is '"' or '\'' ? Quoted(text, ref i) : Bare(text, ref i, ':');
            SkipSpace(text, ref i);
            if (key is null || i >= text.Length || text[i] != ':')
                return null;
            i++;
            SkipSpace(text, ref i);
            string? value = i < text.Length && text[i] is '"' or '\'' ? Quoted(text, ref i) : Bare(text, ref i, ',', '}');
            if (value is null)
                return null;
            pairs.Add(new(key.Trim(), value.Trim()));
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

    private static string? Quoted(string text, ref int i)
    {
        char quote = text[i++];
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

    private static string? Bare(string text, ref int i, params char[] stops)
    {
        int start = i;
        while (i < text.Length && System.Array.IndexOf(stops, text[i]) < 0 && text[i] is not ('{' or '}' or '\n'))
            i++;
        string value = text.Substring(start, i - start).Trim();
        return value.Length == 0 ? null : value;
    }
}
