using System;
using System.Text;
using System.Text.RegularExpressions;

namespace Flask.Testing;

/// <summary>
/// Text from data (responses, ids, names) made safe to print where a CI system reads the output: GitHub Actions runs
/// any line whose first non-blank characters are <c>::</c> as a workflow command (<c>::error</c>, <c>::add-mask::</c>,
/// <c>::stop-commands::</c>), and Azure Pipelines runs <c>##vso[…]</c> anywhere in a line and <c>##[…]</c> at its start.
/// Such a line gets a backslash before it, and <c>##vso[</c> one inside it (<c>#\#vso[</c>); every other character is
/// kept, so the text still reads as it was (and a backslash before <c>:</c> or <c>#</c> is Markdown's own escape).
/// The one place this is decided: every console or Markdown text the tool and the test run write passes data through here.
/// </summary>
internal static partial class WorkflowCommandText
{
    /// <summary><paramref name="text"/>, line by line, with no line able to start a workflow or logging command.</summary>
    public static string Inert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = AzureCommand().Replace(text, "#\\#");
        if (!text.Contains("::", StringComparison.Ordinal) && !text.Contains("##", StringComparison.Ordinal))
            return text;
        var inert = new StringBuilder(text.Length + 8);
        int start = 0;
        while (start <= text.Length)
        {
            int end = text.IndexOfAny(['\r', '\n'], start);
            string line = end < 0 ? text[start..] : text[start..end];
            string body = line.TrimStart();
            if (body.StartsWith("::", StringComparison.Ordinal) || body.StartsWith("##", StringComparison.Ordinal))
                inert.Append(line, 0, line.Length - body.Length).Append('\\').Append(body);
            else
                inert.Append(line);
            if (end < 0)
                break;
            inert.Append(text[end]);
            start = end + 1;
        }
        return inert.ToString();
    }

    /// <summary>
    /// <paramref name="text"/> on one line (every line break a space), with no workflow command in it: for ids and
    /// names printed inside a line of the tool's own.
    /// </summary>
    public static string OneLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Inert(LineBreak().Replace(text, " "));
    }

    [GeneratedRegex(@"##(?=vso\[)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AzureCommand();

    [GeneratedRegex("\r\n|[\r\n\u0085\u2028\u2029]")]
    private static partial Regex LineBreak();
}
