using System;
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

    private volatile bool _created;

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

    public async Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        if (!_created)
        {
            Directory.CreateDirectory(Path);
            _created = true;
        }
        string file = FileOf(key);
        string temp = $"{file}.{Guid.NewGuid():N}.tmp";
        await File.WriteAllBytesAsync(temp, Reformat(value), token).ConfigureAwait(false);
        File.Move(temp, file, overwrite: true);
    }

    /// <summary>
    /// Indented JSON with a final newline, one value per line, so a changed answer is a readable diff; ids and
    /// timestamps the server makes up per call are left out, so recording the same answer again changes nothing.
    /// </summary>
    private byte[] Reformat(byte[] value)
    {
        using JsonDocument entry = JsonDocument.Parse(value);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(value.Length * 2);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, entry.RootElement, top: true);
        }
        System.Buffers.BuffersExtensions.Write(buffer, "\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private void Write(Utf8JsonWriter writer, JsonElement element, bool top = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (Array.IndexOf(VolatileProperties, property.Name) >= 0)
                        continue;
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }
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
