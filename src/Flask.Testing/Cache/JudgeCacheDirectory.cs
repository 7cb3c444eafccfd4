using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Win32.SafeHandles;

namespace Flask.Testing;

/// <summary>
/// The judge response cache on disk. New answers are appended, one JSON line per entry (<c>{"key":…,"entry":…}</c>),
/// to a journal file of this cache instance's own (<c>answers-&lt;UTC time&gt;-&lt;id&gt;.jsonl</c>): one file per run
/// instead of a file, a lock and a rename per answer, and no other writer ever appends to it, so two processes and
/// many concurrent calls never interleave. A line's place is reserved under a lock and the line written whole there
/// in one system call after it, so concurrent appends do not wait for each other's writes; a line cut off or never
/// written by a killed run (or otherwise unreadable) is reported and counts as a miss, and the lines after it replay. The older form, one indented JSON file per entry
/// named by its key, is still read. Deterministic and readable per entry, so a team can commit it as a replay cache.
/// </summary>
internal sealed class JudgeCacheDirectory : IDistributedCache
{
    /// <summary>The journals' file pattern; the per-entry files of the older form are <c>*.json</c>.</summary>
    public const string JournalPattern = "*.jsonl";

    private readonly object _gate = new();
    private Dictionary<string, Stored>? _index;
    private List<string> _damaged = [];
    private SafeFileHandle? _journal;
    private string? _journalPath;
    private long _journalLength;

    public JudgeCacheDirectory(string path, string? entryLabel = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        EntryLabel = entryLabel;
    }

    public string Path { get; }

    /// <summary>Written into each new entry as <c>flaskFixture</c>, e.g. to mark recorded fixtures as not live model output.</summary>
    public string? EntryLabel { get; }

    /// <summary>
    /// The journal lines found unreadable when the cache was first read ("file:line: why"), e.g. an entry cut off by a
    /// killed run. Their keys are unknown, so their requests miss.
    /// </summary>
    public IReadOnlyList<string> Damaged
    {
        get
        {
            Index();
            return _damaged;
        }
    }

    /// <summary>The stored entry of <paramref name="key"/> (its JSON, and where it is for messages), or null.</summary>
    /// <exception cref="IOException">An entry file of the older form exists but cannot be read.</exception>
    public async Task<CacheRead?> ReadAsync(string key, CancellationToken token = default)
    {
        Stored? stored;
        lock (_gate)
        {
            if (!Index().TryGetValue(key, out stored))
                return null;
        }
        if (stored.Entry is { } entry)
            return new CacheRead(entry, stored.Where);
        try
        {
            return new CacheRead(await File.ReadAllBytesAsync(stored.Where, token).ConfigureAwait(false), stored.Where);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // deleted since the directory was listed
        }
    }

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        (await ReadAsync(key, token).ConfigureAwait(false))?.Entry.ToArray();

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Write(key, value, model: null);

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Write(key, value, model: null);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Appends an entry to this instance's journal in one write, noting <paramref name="model"/> (the model id the
    /// request named, which is part of the key) so that a replay that names no model can find it. A directory or
    /// journal deleted since is created again.
    /// </summary>
    /// <exception cref="IOException">The entry cannot be written (read-only or full file system, a file in the way).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public void Write(string key, byte[] value, string? model) => Write(JournalLine.OfJson(key, value, model, EntryLabel));

    /// <summary>Appends <paramref name="line"/> (its key checked when it was made) to this instance's journal in one write.</summary>
    /// <inheritdoc cref="Write(string, byte[], string?)" path="/exception"/>
    public void Write(JournalLine line)
    {
        string key = line.Key;
        string? gone = Gone();
        Stored stored;
        Stored? older;
        Reservation place;
        lock (_gate)
        {
            Dictionary<string, Stored> index = Index();
            index.TryGetValue(key, out older);
            place = Reserve(line.Bytes.Length, gone);
            index[key] = stored = new Stored(line.Entry, place.Where);
        }
        try
        {
            place.Write(line.Bytes);
        }
        catch
        {
            // Not on disk: the entry it replaced stands again (or the request is asked again), unless a newer answer
            // took its place meanwhile.
            lock (_gate)
            {
                if (_index!.TryGetValue(key, out Stored? current) && ReferenceEquals(current, stored))
                {
                    if (older is null)
                        _index.Remove(key);
                    else
                        _index[key] = older;
                }
            }
            throw;
        }
        // An entry file of the older form that this answer replaces (e.g. a corrupt one) goes, once the answer is on disk.
        if (older is { Entry: null })
            TryDelete(older.Where);
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the journal's newer line wins over it anyway.
        }
    }

    /// <summary>Forgets an entry: a removal line in the journal, and the entry file of the older form deleted.</summary>
    public void Remove(string key)
    {
        CheckKey(key);
        lock (_gate)
        {
            if (!Index().Remove(key, out Stored? stored))
                return;
            byte[] removal = JournalLine.Removal(key);
            // Rare (an answer the judge could not read): written under the lock, as the entry file's deletion is.
            Reserve(removal.Length, Gone()).Write(removal);
            if (stored.Entry is null)
                File.Delete(stored.Where);
        }
    }

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    /// <summary>Every entry: key and JSON (for tests and tools that compare caches).</summary>
    public IReadOnlyDictionary<string, string> Entries()
    {
        KeyValuePair<string, Stored>[] all;
        lock (_gate)
            all = [.. Index()];
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, stored) in all)
        {
            try
            {
                entries[key] = stored.Entry is { } entry ? System.Text.Encoding.UTF8.GetString(entry.Span) : File.ReadAllText(stored.Where);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone or unreadable: not an entry.
            }
        }
        return entries;
    }

    /// <summary>The entries, by the model that recorded them, and how many cannot be read.</summary>
    public CacheCensus Census()
    {
        var byModel = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var keyModels = new SortedSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(Path))
            return new CacheCensus(Exists: false, 0, 0, byModel, keyModels);
        IReadOnlyDictionary<string, Stored> index;
        lock (_gate)
            index = new Dictionary<string, Stored>(Index(), StringComparer.Ordinal);
        int entries = _damaged.Count, unreadable = _damaged.Count;
        foreach (Stored stored in index.Values)
        {
            entries++;
            try
            {
                using JsonDocument entry = JsonDocument.Parse(stored.Entry ?? File.ReadAllBytes(stored.Where));
                string? keyModel = entry.RootElement.ValueKind == JsonValueKind.Object && entry.RootElement.TryGetProperty(JournalLine.ModelProperty, out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                string? answeredBy = entry.RootElement.ValueKind == JsonValueKind.Object && entry.RootElement.TryGetProperty("modelId", out JsonElement a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
                // Entries written before the requested model was noted: the answering model is the best guess.
                string? candidate = keyModel ?? answeredBy;
                string recorder = candidate ?? "an unnamed model";
                byModel[recorder] = byModel.GetValueOrDefault(recorder) + 1;
                if (candidate is not null)
                    keyModels.Add(candidate);
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // InvalidOperationException: a string that is not UTF-8.
                unreadable++;
            }
        }
        return new CacheCensus(Exists: true, entries, unreadable, byModel, keyModels);
    }

    /// <summary>
    /// A place for a line of <paramref name="length"/> bytes at the end of this instance's journal (under the lock; a new
    /// journal when the current one is <paramref name="gone"/>):
    /// written after the lock is released, so that concurrent appends write at once and readers of the index do not
    /// wait for the disk. Lines land in the order of their places whatever order the writes finish in; a run stopped
    /// between a reservation and its write leaves zeros there, read as a line never written.
    /// </summary>
    private Reservation Reserve(int length, string? gone)
    {
        if (_journal is null || (gone is not null && gone == _journalPath))
            OpenJournal();
        long offset = _journalLength;
        _journalLength += length;
        return new Reservation(_journal!, offset, $"{_journalPath}:{++_journalLines}");
    }

    /// <summary>
    /// The journal's path if it is no longer there (e.g. its directory deleted mid-run), so that the next line goes to
    /// a journal created again instead of into a file nobody can see any more. A stat per line, taken outside the lock
    /// (.NET shows no link count of an open handle); still far cheaper than creating and renaming a file.
    /// </summary>
    private string? Gone() => Volatile.Read(ref _journalPath) is { } path && !File.Exists(path) ? path : null;

    private int _journalLines;

    private void OpenJournal()
    {
        // A handle still writing a reserved line stays open until that write is done (its reference, see Reservation).
        _journal?.Dispose();
        _journal = null;
        Directory.CreateDirectory(Path);
        string name = $"answers-{DateTime.UtcNow:yyyyMMdd'T'HHmmss'Z'}-{Guid.NewGuid():N}"[..41];
        string path = System.IO.Path.Combine(Path, name + ".jsonl");
        // CreateNew: a journal is never shared; its name is unique to this instance.
        _journal = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read | FileShare.Delete);
        _journalLength = 0;
        _journalLines = 0;
        // Shown to Gone (outside the lock) only once the file exists: a writer that saw the path before would take the
        // journal being created for a deleted one and open a second.
        Volatile.Write(ref _journalPath, path);
    }

    /// <summary>The index of the entries (under the lock): loaded on first use, then kept up to date by this instance.</summary>
    private Dictionary<string, Stored> Index()
    {
        lock (_gate)
        {
            if (_index is not null)
                return _index;
            var index = new Dictionary<string, Stored>(StringComparer.Ordinal);
            var damaged = new List<string>();
            if (Directory.Exists(Path))
            {
                foreach (string file in Directory.EnumerateFiles(Path, "*.json"))
                {
                    string key = System.IO.Path.GetFileNameWithoutExtension(file);
                    if (IsKey(key))
                        index[key] = new Stored(Entry: null, file);
                }
                // Journals after the older files, oldest first (their names start with the UTC time): a later line wins.
                foreach (string journal in Directory.EnumerateFiles(Path, JournalPattern).Order(StringComparer.Ordinal))
                    ReadJournal(journal, index, damaged);
            }
            _damaged = damaged;
            return _index = index;
        }
    }

    private static void ReadJournal(string journal, Dictionary<string, Stored> index, List<string> damaged)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(journal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            damaged.Add($"{journal}: {e.Message}");
            return;
        }
        int number = 0;
        for (int start = 0; start < bytes.Length;)
        {
            number++;
            // A line ends at its newline; a zero byte (JSON escapes it, so no line holds one) is where a line's
            // reserved place was left unwritten or half written by a stopped run, later lines after it.
            int end = bytes.AsSpan(start).IndexOfAny((byte)'\n', (byte)0);
            if (end < 0)
            {
                // Every line is written whole with its newline: one without is cut off.
                damaged.Add($"{journal}:{number}: the line is cut off (the run that wrote it was stopped)");
                break;
            }
            end += start;
            if (bytes[end] == 0)
            {
                damaged.Add(end == start
                    ? $"{journal}:{number}: the line was never written (the run that wrote it was stopped)"
                    : $"{journal}:{number}: the line is cut off (the run that wrote it was stopped)");
                int next = bytes.AsSpan(end).IndexOfAnyExcept((byte)0);
                if (next < 0)
                    break;
                start = end + next;
                continue;
            }
            ReadOnlyMemory<byte> line = bytes.AsMemory(start, end - start);
            start = end + 1;
            if (line.Span.Trim(" \r\t"u8).IsEmpty)
                continue;
            string where = $"{journal}:{number}";
            try
            {
                using JsonDocument record = JsonDocument.Parse(line);
                JsonElement root = record.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("key", out JsonElement k) || k.ValueKind != JsonValueKind.String || !IsKey(k.GetString()!))
                {
                    damaged.Add($"{where}: not a cache entry (no \"key\")");
                    continue;
                }
                string key = k.GetString()!;
                if (root.TryGetProperty("removed", out JsonElement removed) && removed.ValueKind == JsonValueKind.True)
                    index.Remove(key);
                else if (root.TryGetProperty("entry", out JsonElement entry))
                    index[key] = new Stored(System.Text.Encoding.UTF8.GetBytes(entry.GetRawText()), where);
                else
                    index[key] = new Stored(ReadOnlyMemory<byte>.Empty, where); // read as an empty entry: a named miss
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException)
            {
                damaged.Add($"{where}: not JSON ({e.Message})");
            }
        }
    }

    private static bool IsKey(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <exception cref="ArgumentException"><paramref name="key"/> is not a hash.</exception>
    internal static void CheckKey(string key)
    {
        if (!IsKey(key))
            throw new ArgumentException("A cache key must be a hash (letters, digits, '-' and '_').", nameof(key));
    }

    /// <summary>
    /// A line's place in a journal (<see cref="Where"/>: "file:line"), holding a reference on the journal's handle from
    /// the reservation (under the lock) to the write, so that a journal replaced meanwhile is closed only after it.
    /// </summary>
    private readonly struct Reservation
    {
        private readonly SafeFileHandle _journal;
        private readonly long _offset;

        public Reservation(SafeFileHandle journal, long offset, string where)
        {
            bool added = false;
            journal.DangerousAddRef(ref added);
            _journal = journal;
            _offset = offset;
            Where = where;
        }

        public string Where { get; }

        /// <summary>Writes <paramref name="line"/> whole in its place, in one call, and lets go of the handle.</summary>
        public void Write(byte[] line)
        {
            try
            {
                RandomAccess.Write(_journal, line, _offset);
            }
            finally
            {
                _journal.DangerousRelease();
            }
        }
    }

    /// <summary>An entry: its JSON when from a journal (null: the entry file <see cref="Where"/> of the older form), and where it is.</summary>
    private sealed record Stored(ReadOnlyMemory<byte>? Entry, string Where);
}
