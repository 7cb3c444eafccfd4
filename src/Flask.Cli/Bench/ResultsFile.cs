using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Flask.Testing;

namespace Flask.Cli.Bench;

/// <summary>
/// The output of a bench run: one result per line, appended and flushed as each completes, so a killed run loses
/// nothing it finished; a half-written last line (the kill came mid-write) is dropped on resume.
/// </summary>
internal sealed class ResultsFile : IDisposable
{
    private readonly StreamWriter _writer;
    private readonly object _lock = new();

    private ResultsFile(StreamWriter writer) => _writer = writer;

    /// <summary>The ids already in <paramref name="path"/>, after dropping a partial last line; empty when there is no file.</summary>
    public static HashSet<string> CompletedIds(string path, out bool droppedPartialLine)
    {
        droppedPartialLine = false;
        var done = new HashSet<string>(StringComparer.Ordinal);
        if (!File.Exists(path))
            return done;
        string text = File.ReadAllText(path);
        int lastNewline = text.LastIndexOf('\n');
        if (lastNewline < text.Length - 1)
        {
            // The last line has no newline: the run died while writing it.
            File.WriteAllText(path, text[..(lastNewline + 1)], new UTF8Encoding(false));
            droppedPartialLine = text.Length > 0;
        }
        foreach (ScoredResponse response in ResultsJson.ReadLines(path))
            done.Add(response.Id);
        return done;
    }

    public static ResultsFile Open(string path, bool append)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var stream = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
        return new ResultsFile(new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" });
    }

    public void Append(ScoredResponse response)
    {
        string line = ResultsJson.ToLine(response);
        lock (_lock)
            _writer.WriteLine(line);
    }

    public void Dispose() => _writer.Dispose();
}
