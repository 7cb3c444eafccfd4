using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
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
    public JudgeCacheDirectory(string path, string? entryLabel = null)
    {
        Path = System.IO.Path.GetFullPath(path);
        EntryLabel = entryLabel;
    }

    public string Path { get; }

    /// <summary>Written into each new entry as <c>flaskFixture</c>, e.g. to mark recorded fixtures as not live model output.</summary>
    public string? EntryLabel { get; }

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default)
    {
        // One open instead of a look-up and an open: a miss is the common case of a first run.
        try
        {
            return await File.ReadAllBytesAsync(FileOf(key), token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) =>
        SetAsync(key, value, options).GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        WriteAsync(key, value, model: null, token);

    /// <summary>
    /// Writes an entry atomically, noting <paramref name="model"/> (the model id the request named, which is part of
    /// the key) so that a replay that names no model can find it. A directory deleted since is created again.
    /// </summary>
    /// <exception cref="IOException">The entry cannot be written (read-only or full file system, a file in the way).</exception>
    /// <exception cref="UnauthorizedAccessException">The directory is not writable.</exception>
    public async Task WriteAsync(string key, byte[] value, string? model, CancellationToken token = default)
    {
        string file = FileOf(key);
        byte[] entry = Reformat(value, model);
        string temp = $"{file}.{Guid.NewGuid():N}.tmp";
        try
        {
            try
            {
                await File.WriteAllBytesAsync(temp, entry, token).ConfigureAwait(false);
            }
            catch (DirectoryNotFoundException)
            {
                // First write, or the directory was deleted while the run went on.
                Directory.CreateDirectory(Path);
                await File.WriteAllBytesAsync(temp, entry, token).ConfigureAwait(false);
            }
            File.Move(temp, file, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover .tmp file is never read as an entry.
        }
    }

    /// <summary>The entries on disk, by the model that recorded them, and how many cannot be read.</summary>
    public CacheCensus Census()
    {
        var byModel = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var keyModels = new SortedSet<string>(StringComparer.Ordinal);
        int entries = 0, unreadable = 0;
        if (!Directory.Exists(Path))
            return new CacheCensus(Exists: false, 0, 0, byModel, keyModels);
        foreach (string file in Directory.EnumerateFiles(Path, "*.json"))
        {
            entries++;
            try
            {
                using JsonDocument entry = JsonDocument.Parse(File.ReadAllBytes(file));
                string? keyModel = entry.RootElement.ValueKind == JsonValueKind.Object && entry.RootElement.TryGetProperty(ModelProperty, out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
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

    /// <summary>The top-level property of an entry that names the model id its request named.</summary>
    private const string ModelProperty = "flaskModel";

    /// <summary>
    /// Indented JSON with a final newline, one value per line, so a changed answer is a readable diff; ids and
    /// timestamps the server makes up per call are left out, so recording the same answer again changes nothing.
    /// </summary>
    private byte[] Reformat(byte[] value, string? model)
    {
        using JsonDocument entry = JsonDocument.Parse(value);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, entry.RootElement, model, top: true);
        }
        System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private void Write(Utf8JsonWriter writer, JsonElement element, string? model = null, bool top = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (Array.IndexOf(VolatileProperties, property.Name) >= 0 || (top && property.Name is ModelProperty or "flaskFixture"))
                        continue;
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
                if (top && model is not null)
                    writer.WriteString(ModelProperty, model);
                if (top && EntryLabel is not null)
                    writer.WriteString("flaskFixture", EntryLabel);
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                    Write(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static readonly string[] VolatileProperties = ["responseId", "messageId", "createdAt"];

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

    /// <summary>The file of the entry with this key.</summary>
    public string FileOf(string key)
    {
        foreach (char c in key)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_'))
                throw new ArgumentException("A cache key must be a hash (letters, digits, '-' and '_').", nameof(key));
        }
        return System.IO.Path.Combine(Path, key + ".json");
    }
}
