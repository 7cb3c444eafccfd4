using System;
using System.Text;

namespace Flask.Testing.Generators.Tests.Infrastructure;

/// <summary>
/// Generated Unicode for fuzzing the emitter: control characters, every C# line break, invisible and bidi formatting
/// characters, lone and paired surrogates, and the pieces of C# and XML syntax a text could try to break out with.
/// </summary>
internal static class HostileText
{
    private static readonly string[] Pieces =
    [
        "\"", "\\", "'", "<", ">", "&", "*/", "/*", "<!--", "-->", "\"\"\"", "{", "}", "{{", "//", "///", "#", "@\"", "$\"",
        "\n", "\r", "\r\n", "\u0085", "\u2028", "\u2029", "\t", "\0", "\u0007", "\u001B", "\u007F", "\u0080", "\u009F",
        "\u200B", "\u200D", "\u00AD", "\u202E", "\u2066", "\uFEFF", "\uFFFE", "\uFFFF", "\uE000",
        "\uD800", "\uDC00", "\uDBFF\uDFFF", "\U0001F600", "\U000F0000", "\U000E0001",
        "</summary>", "<see cref=\"P\"/>", "<![CDATA[", "]]>", "&amp;", "&#x2028;", "\\u2028", "\\\"",
        "\u0000internal static class P { }", "} } namespace X { class P { } ", "#error injected", "#pragma warning disable",
        "é", "ß", "Ω", "中文", " ", "\u00A0", "\u3000", "a", "Z", "0", "_", "-",
    ];

    /// <summary>A text of 0 to about 30 pieces and random characters from the whole UTF-16 range.</summary>
    public static string Next(Random random)
    {
        var text = new StringBuilder();
        int length = random.Next(0, 30);
        for (int i = 0; i < length; i++)
        {
            if (random.Next(4) == 0)
                text.Append((char)random.Next(0, 0x10000));
            else
                text.Append(Pieces[random.Next(Pieces.Length)]);
        }
        return text.ToString();
    }
}
