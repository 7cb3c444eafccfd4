using System;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Caching.Distributed;

namespace Flask.Testing;

/// <summary>
/// The judge response cache on disk: one indented JSON file per entry, named by its key (a hash of everything that
/// changes the answer), written atomically. Deterministic and diff-friendly, so a team can commit it as a replay cache.
/// </summary>
internal sealed class JudgeCacheDirectory : IDistributedCache
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public JudgeCacheDirectory(string path, string? entryLabel = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        EntryLabel = entryLabel;
    }

    public string Path { get; }

    /// <summary>Written into each new entry as <c>flaskFixture</c>, e.g. to mark recorded fixtures as not live model output.</summary>
    public string? EntryLabel { get; }

    public byte[]? Get(string key)
    {
        string file = FileOf(key);
        return File.Exists(file) ? File.ReadAllBytes(file) : null;
    }

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        string file = FileOf(key);
        return File.Exists(file) ? await File.ReadAllBytesAsync(file, token).ConfigureAwait(false) : null;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        SetAsync(key, value, options).GetAwaiter().GetResult();

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        Directory.CreateDirectory(Path);
        string file = FileOf(key);
        string temp = $"{file}.{Guid.NewGuid():N}.tmp";
        // Indented JSON with a final newline, one value per line, so a changed answer is a readable diff; ids and
        // timestamps the server makes up per call are left out, so recording the same answer again changes nothing.
        JsonNode? entry = JsonNode.Parse(value);
        RemoveVolatile(entry);
        if (EntryLabel is not null && entry is JsonObject labelled)
            labelled["flaskFixture"] = EntryLabel;
        string text = entry?.ToJsonString(Indented) ?? Encoding.UTF8.GetString(value);
        await File.WriteAllTextAsync(temp, text.Replace("\r\n", "\n") + "\n", new UTF8Encoding(false), token).ConfigureAwait(false);
        File.Move(temp, file, overwrite: true);
    }

    private static readonly string[] VolatileProperties = ["responseId", "messageId", "createdAt"];

    private static void RemoveVolatile(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (string name in VolatileProperties)
                    obj.Remove(name);
                foreach (var property in obj)
                    RemoveVolatile(property.Value);
                break;
            case JsonArray array:
                foreach (JsonNode? item in array)
                    RemoveVolatile(item);
                break;
        }
    }

    public void Refresh(string key)
    {
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => File.Delete(FileOf(key));

    public Task RemoveAsync(string key, CancellationToken token = default)
    {
        Remove(key);
        return Task.CompletedTask;
    }

    private string FileOf(string key)
    {
        foreach (char c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
                throw new ArgumentException("A cache key must be a hash (letters, digits, '-' and '_').", nameof(key));
        }
        return System.IO.Path.Combine(Path, key + ".json");
    }
}
