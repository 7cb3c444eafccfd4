using System;
using System.Text;

namespace Flask.Testing.Tests;

/// <summary>
/// Generated text for the cache's property tests: unicode (surrogate pairs, lone surrogates, combining and case-folding
/// characters), every kind of character JSON escapes, markup, empty and long texts.
/// </summary>
internal static class GeneratedText
{
    private static readonly string[] Pieces =
    [
        "word", " ", "Hamlet", "\"", "\\", "/", "<", ">", "&", "+", "'", "`", "\n", "\r\n", "\t", "\0", "\u0001", "\u001f",
        "\u007f", "\u0085", "\u00a0", "é", "ß", "İ", "ı", "中文", "日本語", "\u2028", "\u2029", "\ufeff", "\ufffd", "😀",
        "👨‍👩‍👧", "\ud800", "\udfff", "\ud83d", "{", "}", "[", "]", ":", ",", "1.5", "-0", "1e3", "null", "true",
        "Score: 5", "[END]", "<script>", "&amp;", "\u0301", "ﬁ", "Ω", "K",
    ];

    /// <summary>Characters a relaxed JSON writer escapes with a short escape or not at all (no <c>\u</c> escape).</summary>
    private static readonly string[] PlainPieces =
    [
        "word", " ", "\"", "\\", "/", "<", ">", "&", "+", "'", "`", "\n", "\r\n", "\t", "\b", "\f", "é", "ß", "中文", "Ω",
        "{", "}", "[", "]", ":", ",", "1.5", "null", "Score: 5", "<script>", "&amp;",
    ];

    /// <summary>A generated text; with <paramref name="plain"/>, only characters JSON writes without a <c>\u</c> escape.</summary>
    public static string Next(Random random, bool plain = false)
    {
        string[] pieces = plain ? PlainPieces : Pieces;
        int shape = random.Next(10);
        if (shape == 0)
            return string.Empty;
        int count = shape == 1 ? random.Next(500, 4000) : random.Next(1, 30);
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
            text.Append(pieces[random.Next(pieces.Length)]);
        return text.ToString();
    }
}
