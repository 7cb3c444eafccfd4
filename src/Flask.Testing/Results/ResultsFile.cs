using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Flask.Testing.Results;

/// <summary>
/// A results file (docs/results.md), the one writer of results for a test run and a bench run: one result per line, appended and flushed as each completes, so a killed run loses
/// nothing it finished. A half-written last line (the kill came mid-write, it does not parse) is cut off in place on
/// resume: the file is truncated, never rewritten, so a second kill cannot lose what the first one kept. A last line
/// that parses as a complete result and only lacks its newline is kept: the newline is appended.
/// </summary>
internal sealed class ResultsFile : IDisposable
{
    private readonly FileStream _file;
    private readonly object _lock = new();
    // One line is serialized here as UTF-8 and written with one system call: no text copy of it, no encoder, no
    // second write for the newline (results lines are written once per judged instance, on the judge's hot path).
    private readonly ArrayBufferWriter<byte> _line = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly RunRecording? _recording;

    private ResultsFile(FileStream file, RunRecording? recording)
    {
        _file = file;
        _recording = recording;
        _json = new Utf8JsonWriter(_line, new JsonWriterOptions { Encoder = ResultsJson.Options.Encoder, SkipValidation = true });
    }

    /// <summary>What an existing results file holds, for a resume.</summary>
    /// <param name="Done">Ids whose result is kept: not judged again.</param>
    /// <param name="Retried">
    /// Results with judge errors, by id, dropped to be asked again: the re-ask completes them (<see cref="Complete"/>),
    /// and one not judged again is written back unchanged.
    /// </param>
    /// <param name="KeptJudgeErrors">Kept results that have judge errors (with <c>--keep-judge-errors</c>).</param>
    /// <param name="TornLine">Whether the last line was half-written (it does not parse).</param>
    /// <param name="UnterminatedLine">Whether the last line is a complete result that only lacks its newline.</param>
    public sealed record Contents(HashSet<string> Done, Dictionary<string, ScoredResponse> Retried, int KeptJudgeErrors, bool TornLine, bool UnterminatedLine = false)
    {
        /// <summary>The models (the <c>model</c> field) the file's results are of: a resume must be of one of them.</summary>
        public IReadOnlySet<string> Models { get; init; } = new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>
    /// Reads <paramref name="path"/> (empty when there is none), ignoring a half-written last line. Results with judge
    /// errors count as done only when <paramref name="keepJudgeErrors"/>; otherwise they are listed to be asked again.
    /// </summary>
    public static Contents Read(string path, bool keepJudgeErrors)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var retried = new Dictionary<string, ScoredResponse>(StringComparer.Ordinal);
        var models = new HashSet<string>(StringComparer.Ordinal);
        int kept = 0;
        if (!File.Exists(path))
            return new Contents(done, retried, 0, false);
        bool unterminated = CompleteLength(path, out long length) < length, torn = false;
        int number = 0;
        using var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), new UTF8Encoding(false));
        for (string? line = reader.ReadLine(), next; line is not null; line = next)
        {
            number++;
            next = reader.ReadLine();
            if (line.Trim().Length == 0)
                continue;
            ScoredResponse response;
            try
            {
                response = JsonSerializer.Deserialize(line, ResultsJson.Response) ?? throw new JsonException("empty result");
            }
            catch (JsonException e)
            {
                if (next is null && unterminated)
                {
                    torn = true; // the half-written last line: a kill came mid-write
                    break;
                }
                throw new InvalidDataException($"{path}:{number}: not a FLASK result ({FirstLine(e.Message)}); fix or remove that line, or start a new results file.", e);
            }
            // The same refusal as every other reader of results (a null id, a skill without its ability, ...): a resume
            // must not count such a line as done, nor end in a crash on it.
            if (ResultsJson.Refusal(response) is { } why)
                throw new InvalidDataException($"{path}:{number}: not a FLASK result ({why}); fix or remove that line, or start a new results file.");
            if (response.Model is { } model)
                models.Add(model);
            if (!keepJudgeErrors && response.Skills.Any(s => s.Status == SkillScoreStatus.JudgeError))
            {
                retried[response.Id] = response;
                done.Remove(response.Id);
                continue;
            }
            if (done.Add(response.Id) && response.Skills.Any(s => s.Status == SkillScoreStatus.JudgeError))
                kept++;
            retried.Remove(response.Id);
        }
        return new Contents(done, retried, kept, torn, unterminated && !torn) { Models = models };
    }

    /// <summary>Appends the newline a complete last result lacks (the kill came just before it).</summary>
    public static void Terminate(string path)
    {
        using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>
    /// <paramref name="judged"/>, the re-ask of <paramref name="earlier"/> (a result with judge errors), completing it:
    /// per skill, an earlier scored or N/A reading is kept; only the earlier judge errors take the new reading.
    /// </summary>
    public static ScoredResponse Complete(ScoredResponse earlier, ScoredResponse judged)
    {
        var kept = earlier.Skills.Where(s => s.Status != SkillScoreStatus.JudgeError).ToDictionary(s => s.Id, StringComparer.Ordinal);
        // A kept skill whose feedback was the earlier shared review keeps that review as its own feedback.
        return judged with
        {
            Skills = [.. judged.Skills.Select(s => kept.TryGetValue(s.Id, out ScoredSkill? old) ? old with { Feedback = earlier.FeedbackOf(old) } : s)],
        };
    }

    /// <summary>Cuts a half-written (unparsable) last line off <paramref name="path"/> in place (the file is truncated, not rewritten).</summary>
    public static void CutTornLine(string path)
    {
        long complete = CompleteLength(path, out long length);
        if (complete == length)
            return;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
        stream.SetLength(complete);
    }

    /// <summary>
    /// Removes the results of <paramref name="ids"/> (judge errors to ask again), so that the file keeps one result per
    /// instance: a new file is written beside it and renamed over it, so a kill leaves either the old or the new file.
    /// </summary>
    public static void Drop(string path, IReadOnlySet<string> ids)
    {
        if (ids.Count == 0)
            return;
        string temporary = path + ".tmp";
        using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(false)) { NewLine = "\n" })
        {
            foreach (string line in File.ReadLines(path))
            {
                if (line.Trim().Length > 0 && JsonSerializer.Deserialize(line, ResultsJson.Response) is { } response && ids.Contains(response.Id)
                    && response.Skills.Any(s => s.Status == SkillScoreStatus.JudgeError))
                    continue;
                writer.WriteLine(line);
            }
        }
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Opens the output for appending (resume) or as a new, empty file; its directory is created. Each line written is
    /// also handed to <paramref name="recording"/>, when given, for the run history.
    /// </summary>
    /// <exception cref="IOException">The path cannot be written: one line naming it and why.</exception>
    public static ResultsFile Open(string path, bool append, RunRecording? recording = null)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            // No buffer: each line goes to the file as it is appended, so a killed run loses nothing it finished.
            return new ResultsFile(new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0), recording);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot write the results file {path}: {FirstLine(e.Message)}", e);
        }
    }

    /// <summary>
    /// Writes one result and flushes it; throws <see cref="IOException"/> when the output cannot take it. A result the
    /// file took is also recorded, in the file's order.
    /// </summary>
    public void Append(ScoredResponse response)
    {
        lock (_lock)
        {
            _line.ResetWrittenCount();
            _json.Reset();
            // The context's own type info, not ResultsJson.Response: its options are the generated ones, so the
            // generated fast path writes straight to the writer, without the serializer's per-call stack (the options
            // with the relaxed encoder turn it off). The writer carries that encoder, so the bytes are ToLine's.
            JsonSerializer.Serialize(_json, response, ResultsJsonContext.Default.ScoredResponse);
            _line.Write("\n"u8);
            _file.Write(_line.WrittenSpan);
            _recording?.Add(response, _line.WrittenSpan[..^1]);
        }
    }

    /// <summary>
    /// Closes the file; everything appended is already on disk. A write still under way finishes first, so no result
    /// reaches the recording after the file is closed (a later one fails: the file is closed).
    /// </summary>
    public void Dispose()
    {
        lock (_lock)
        {
            try
            {
                _json.Dispose();
                _file.Dispose();
            }
            catch (IOException)
            {
                // Closing after a failed write (a full disk): that write is already counted and reported.
            }
        }
    }

    /// <summary>The length in bytes up to and including the last newline (the whole file when it ends with one).</summary>
    private static long CompleteLength(string path, out long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        length = stream.Length;
        var buffer = new byte[64 * 1024];
        for (long end = length; end > 0;)
        {
            int size = (int)Math.Min(buffer.Length, end);
            stream.Position = end - size;
            stream.ReadExactly(buffer, 0, size);
            int newline = Array.LastIndexOf(buffer, (byte)'\n', size - 1);
            if (newline >= 0)
                return end - size + newline + 1;
            end -= size;
        }
        return 0;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].TrimEnd('\r');
}
