using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>
/// The key Microsoft.Extensions.AI's <see cref="DistributedCachingChatClient"/> gives a request, computed with far less
/// work. MEAI (10.x, <c>AIJsonUtilities.HashDataToString</c>) serializes each value to a <c>JsonNode</c> tree, sorts
/// every object's properties ordinally, writes the tree compact and hashes it with SHA-384 (upper-case hex). Here each
/// value is serialized once into a pooled buffer, read as a <see cref="JsonDocument"/> and written with sorted
/// properties by the same writer settings into a second pooled buffer, which is hashed in one call: the same bytes
/// hashed, without the tree. Committed caches replay by these keys, so a single differing byte would miss every entry:
/// tests compare this with MEAI's own key over generated requests.
/// </summary>
internal static class JudgeCacheKey
{
    /// <summary>
    /// MEAI's (private) cache version, hashed first. A MEAI that bumps it changes every key; the key tests then fail
    /// instead of a committed cache silently missing.
    /// </summary>
    private static readonly object CacheVersion = 2;

    /// <summary>
    /// The writer MEAI hashes the tree through (its <c>JsonContextNoIndentation</c>: web defaults, not indented, the
    /// default encoder, depth 64).
    /// </summary>
    private static readonly JsonWriterOptions HashedWriter = new() { Indented = false, MaxDepth = 64 };

    /// <summary>Objects with more properties than this are left to MEAI's own computation (a duplicate check stays cheap).</summary>
    private const int MaxProperties = 64;

    /// <summary>
    /// The key of a request with <paramref name="messages"/> and <paramref name="options"/>, exactly as
    /// <see cref="DistributedCachingChatClient"/> computes it with <paramref name="serializerOptions"/> and its
    /// <see cref="DistributedCachingChatClient.CacheKeyAdditionalValues"/> (<paramref name="clientValues"/>); null
    /// when the request has a shape this computation leaves to MEAI (an object with two properties MEAI's tree would
    /// merge, or a very large object).
    /// </summary>
    public static string? TryCompute(
        IEnumerable<ChatMessage> messages, ChatOptions? options, ReadOnlySpan<object?> additionalValues,
        IReadOnlyList<object>? clientValues, JsonSerializerOptions serializerOptions)
    {
        serializerOptions.MakeReadOnly();
        JsonTypeInfo typeInfo = serializerOptions.GetTypeInfo(typeof(object));
        var documentOptions = new JsonDocumentOptions { MaxDepth = EffectiveMaxDepth(serializerOptions) };
        // MEAI's tree keys objects as the serializer options say: case-insensitive names collide there.
        StringComparison names = serializerOptions.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        using var serialized = new PooledByteBuffer(16 * 1024);
        using var hashed = new PooledByteBuffer(16 * 1024);
        // Strings escaped as the hashed writer escapes them (its default encoder), so that most can be copied as they are.
        using var serializer = new Utf8JsonWriter(serialized, new JsonWriterOptions { Encoder = HashedWriter.Encoder, MaxDepth = EffectiveMaxDepth(serializerOptions), SkipValidation = true });
        using var writer = new Utf8JsonWriter(hashed, HashedWriter);

        bool Add(object? value)
        {
            serialized.Clear();
            serializer.Reset(serialized);
            JsonSerializer.Serialize(serializer, value, typeInfo);
            serializer.Flush();
            using JsonDocument document = JsonDocument.Parse(serialized.WrittenMemory, documentOptions);
            // One root value per write, as MEAI serializes each value on its own.
            writer.Reset(hashed);
            bool written = WriteSorted(writer, document.RootElement, names);
            writer.Flush();
            return written;
        }

        if (!Add(CacheVersion) || !Add(messages) || !Add(options))
            return null;
        foreach (object? value in additionalValues)
        {
            if (!Add(value))
                return null;
        }
        if (clientValues is not null)
        {
            foreach (object value in clientValues)
            {
                if (!Add(value))
                    return null;
            }
        }

        Span<byte> hash = stackalloc byte[SHA384.HashSizeInBytes];
        SHA384.HashData(hashed.WrittenSpan, hash);
        return Convert.ToHexString(hash);
    }

    /// <summary>
    /// Writes <paramref name="element"/> with every object's properties in ordinal order, values as
    /// <see cref="JsonElement.WriteTo"/> writes them (what MEAI's tree writes); false for a shape left to MEAI.
    /// </summary>
    private static bool WriteSorted(Utf8JsonWriter writer, JsonElement element, StringComparison names)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                int count = element.GetPropertyCount();
                if (count > MaxProperties)
                    return false;
                string[] keys = ArrayPool<string>.Shared.Rent(count);
                JsonElement[] values = ArrayPool<JsonElement>.Shared.Rent(count);
                try
                {
                    int i = 0;
                    foreach (JsonProperty property in element.EnumerateObject())
                    {
                        keys[i] = property.Name;
                        values[i++] = property.Value;
                    }
                    if (HasDuplicates(keys.AsSpan(0, count), names))
                        return false;
                    Array.Sort(keys, values, 0, count, StringComparer.Ordinal);
                    writer.WriteStartObject();
                    for (i = 0; i < count; i++)
                    {
                        writer.WritePropertyName(keys[i]);
                        if (!WriteSorted(writer, values[i], names))
                            return false;
                    }
                    writer.WriteEndObject();
                    return true;
                }
                finally
                {
                    ArrayPool<string>.Shared.Return(keys, clearArray: true);
                    ArrayPool<JsonElement>.Shared.Return(values, clearArray: true);
                }
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (!WriteSorted(writer, item, names))
                        return false;
                }
                writer.WriteEndArray();
                return true;
            case JsonValueKind.String when JsonMarshal.GetRawUtf8Value(element) is var raw && raw.IndexOf("\\uD"u8) < 0:
                // Escaped by the same encoder from the same text, the serialized string is what un-escaping and
                // escaping it again gives; a surrogate's escape (e.g. of a lone one) is left to that round trip.
                writer.WriteRawValue(raw, skipInputValidation: true);
                return true;
            default:
                element.WriteTo(writer);
                return true;
        }
    }

    private static bool HasDuplicates(ReadOnlySpan<string> keys, StringComparison names)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            for (int j = 0; j < i; j++)
            {
                if (string.Equals(keys[i], keys[j], names))
                    return true;
            }
        }
        return false;
    }

    /// <summary>The nesting the serializer allows (0 means its default, 64), so a writer or reader stops where it would.</summary>
    internal static int EffectiveMaxDepth(JsonSerializerOptions options) => options.MaxDepth == 0 ? 64 : options.MaxDepth;
}
