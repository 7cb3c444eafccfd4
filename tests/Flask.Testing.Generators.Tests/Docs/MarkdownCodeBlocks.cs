using System;
using System.Collections.Generic;
using System.Text;

namespace Flask.Testing.Generators.Tests.Docs;

/// <summary>Reads the fenced code blocks (``` or ~~~, three or more) of a Markdown page.</summary>
internal static class MarkdownCodeBlocks
{
    /// <summary>Every fenced block of <paramref name="markdown"/>, named by <paramref name="file"/> and its first code line.</summary>
    public static IReadOnlyList<DocCodeBlock> Read(string file, string markdown)
    {
        var blocks = new List<DocCodeBlock>();
        string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string trimmed = lines[i].TrimStart();
            if (!TryFence(trimmed, out string fence, out string info))
                continue;
            int start = i + 1;
            var code = new StringBuilder();
            int j = start;
            for (; j < lines.Length; j++)
            {
                string candidate = lines[j].TrimStart();
                if (candidate.StartsWith(fence, StringComparison.Ordinal) && candidate.TrimEnd().Trim(fence[0]).Length == 0)
                    break;
                code.Append(lines[j]).Append('\n');
            }
            // An unclosed fence runs to the end of the page, as Markdown renders it; the block is still read.
            blocks.Add(new DocCodeBlock(file, start + 1, info, code.ToString()));
            i = j;
        }
        return blocks;
    }

    private static bool TryFence(string line, out string fence, out string info)
    {
        fence = info = "";
        if (line.Length < 3 || (line[0] != '`' && line[0] != '~'))
            return false;
        int n = 0;
        while (n < line.Length && line[n] == line[0])
            n++;
        if (n < 3)
            return false;
        fence = line[..n];
        info = line[n..].Trim();
        return true;
    }
}
