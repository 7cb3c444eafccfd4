using System.Collections.Generic;
using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace Flask.Cli.Reports;

/// <summary>A word-level diff of two responses (DiffPlex), as runs of kept, deleted and inserted text.</summary>
internal static class WordDiff
{
    public enum Kind { Same, Deleted, Inserted }

    public static IReadOnlyList<(Kind Kind, string Text)> Of(string before, string after)
    {
        DiffResult diff = Differ.Instance.CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, WordChunker.Instance);
        var runs = new List<(Kind, string)>();
        int old = 0;
        foreach (DiffBlock block in diff.DiffBlocks)
        {
            Add(runs, Kind.Same, diff.PiecesOld, old, block.DeleteStartA - old);
            Add(runs, Kind.Deleted, diff.PiecesOld, block.DeleteStartA, block.DeleteCountA);
            Add(runs, Kind.Inserted, diff.PiecesNew, block.InsertStartB, block.InsertCountB);
            old = block.DeleteStartA + block.DeleteCountA;
        }
        Add(runs, Kind.Same, diff.PiecesOld, old, diff.PiecesOld.Count - old);
        return runs;
    }

    private static void Add(List<(Kind, string)> runs, Kind kind, IReadOnlyList<string> pieces, int start, int count)
    {
        if (count <= 0)
            return;
        var text = new StringBuilder();
        for (int i = start; i < start + count; i++)
            text.Append(pieces[i]);
        runs.Add((kind, text.ToString()));
    }
}
