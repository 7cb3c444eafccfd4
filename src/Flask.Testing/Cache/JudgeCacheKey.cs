using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>
/// The key Microsoft.Extensions.AI's <see cref="DistributedCachingChatClient"/> gives a request, computed with far less
/// work. MEAI (10.x, <c>AIJsonUtilities.HashDataToString</c>) serializes each value to a <c>JsonNode</c> tree, sorts
/// every object's properties ordinally, writes the tree compact and hashes it with SHA-384 (upper-case hex). Here the
/// values of the shapes the judge sends (its messages, strings, bools, ints) are written straight, as that tree would
/// write them, into a pooled buffer; any other value is serialized once into a second buffer, read as a
/// <see cref="JsonDocument"/> and written with sorted properties by the same writer settings. The buffer is hashed in
/// one call: the same bytes hashed, without the tree. Committed caches replay by these keys, so a single differing byte would miss every entry:
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

    /// <summary>
    /// The bytes the hashed writer's encoder (<see cref="System.Text.Encodings.Web.JavaScriptEncoder.Default"/>) never
    /// leaves unescaped in a string: controls, the quote, <c>&amp; ' + &lt; &gt; `</c>, DEL and every non-ASCII byte.
    /// </summary>
    private static readonly SearchValues<byte> Unescaped = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', (byte)'&', (byte)'\'', (byte)'+', (byte)'<', (byte)'>', (byte)'`', .. Enumerable.Range(0x7F, 0x81).Select(b => (byte)b)]);

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

        bool fast = ReferenceEquals(serializerOptions, AIJsonUtilities.DefaultOptions);

        bool Add(object? value)
        {
            // One root value per write, as MEAI serializes each value on its own.
            writer.Reset(hashed);
            if (fast && TryWriteKnown(writer, value))
            {
                writer.Flush();
                return true;
            }
            serialized.Clear();
            serializer.Reset(serialized);
            JsonSerializer.Serialize(serializer, value, typeInfo);
            serializer.Flush();
            using JsonDocument document = JsonDocument.Parse(serialized.WrittenMemory, documentOptions);
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
    /// Whether MEAI's contract for the fast path's types is the one it writes: <see cref="ChatMessage"/>'s,
    /// <see cref="TextContent"/>'s and <see cref="ChatOptions"/>' serialized properties exactly those it knows, a content's discriminator <c>$type</c>
    /// with <c>text</c> for <see cref="TextContent"/>, a role written by its converter. A MEAI that adds a property
    /// turns the fast path off instead of leaving the property out of every key.
    /// </summary>
    private static readonly Lazy<bool> KnownContract = new(() =>
    {
        JsonSerializerOptions options = AIJsonUtilities.DefaultOptions;
        // An ignored property ([JsonIgnore]) has no getter in the contract.
        static string Names(JsonTypeInfo info) => string.Join(",", info.Properties.Where(p => p.Get is not null).Select(p => p.Name).Order(StringComparer.Ordinal));
        JsonPolymorphismOptions? contents = options.GetTypeInfo(typeof(AIContent)).PolymorphismOptions;
        return Names(options.GetTypeInfo(typeof(ChatMessage))) == "additionalProperties,authorName,contents,createdAt,messageId,role"
            && Names(options.GetTypeInfo(typeof(TextContent))) == "additionalProperties,annotations,text"
            && contents is { TypeDiscriminatorPropertyName: "$type" }
            && contents.DerivedTypes.Any(t => t.DerivedType == typeof(TextContent) && t.TypeDiscriminator is "text")
            && options.GetTypeInfo(typeof(ChatRole)).Converter is ChatRole.Converter
            && Names(options.GetTypeInfo(typeof(ChatOptions))) == "additionalProperties,allowBackgroundResponses,allowMultipleToolCalls,continuationToken,conversationId,"
                + "frequencyPenalty,instructions,maxOutputTokens,modelId,presencePenalty,reasoning,responseFormat,seed,stopSequences,temperature,toolMode,topK,topP";
    });

    // The names of the fast path, as the hashed writer (its default encoder) writes them.
    private static readonly JsonEncodedText ContentsName = JsonEncodedText.Encode("contents");
    private static readonly JsonEncodedText RoleName = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText TypeName = JsonEncodedText.Encode("$type");
    private static readonly JsonEncodedText TextName = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText TextType = JsonEncodedText.Encode("text");
    private static readonly JsonEncodedText MaxOutputTokensName = JsonEncodedText.Encode("maxOutputTokens");
    private static readonly JsonEncodedText ModelIdName = JsonEncodedText.Encode("modelId");
    private static readonly JsonEncodedText TemperatureName = JsonEncodedText.Encode("temperature");

    /// <summary>
    /// Writes a value of a shape the judge sends straight as MEAI's sorted tree writes it (no serializing, parsing and
    /// re-writing of the prompts): the messages as an array of <see cref="ChatMessage"/> with a role and
    /// <see cref="TextContent"/> items only (every other property at its default), options with a model id, a
    /// temperature and an output token limit only, a string, a bool or an int. Only for
    /// <see cref="AIJsonUtilities.DefaultOptions"/>, whose contract this follows (MEAI 10.x: properties camel-cased, nulls
    /// left out, a content's <c>$type</c> discriminator, a role as its value); false, with nothing written, for
    /// anything else, which the general path then writes.
    /// </summary>
    internal static bool TryWriteKnown(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case ChatMessage[] messages when KnownContract.Value && IsPlain(messages):
                writer.WriteStartArray();
                foreach (ChatMessage message in messages)
                {
                    // Ordinal order: "contents" < "role"; "$type" < "text".
                    writer.WriteStartObject();
                    writer.WriteStartArray(ContentsName);
                    foreach (AIContent content in message.Contents)
                    {
                        writer.WriteStartObject();
                        writer.WriteString(TypeName, TextType);
                        writer.WriteString(TextName, ((TextContent)content).Text);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteString(RoleName, message.Role.Value);
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                return true;
            case ChatOptions options when KnownContract.Value && IsPlain(options):
                // Ordinal order: "maxOutputTokens" < "modelId" < "temperature"; a null one is left out.
                writer.WriteStartObject();
                if (options.MaxOutputTokens is { } maxOutputTokens)
                    writer.WriteNumber(MaxOutputTokensName, maxOutputTokens);
                if (options.ModelId is { } modelId)
                    writer.WriteString(ModelIdName, modelId);
                if (options.Temperature is { } temperature)
                    writer.WriteNumber(TemperatureName, temperature);
                writer.WriteEndObject();
                return true;
            case string text when IsWellFormed(text):
                writer.WriteStringValue(text);
                return true;
            case bool flag:
                writer.WriteBooleanValue(flag);
                return true;
            case int number:
                writer.WriteNumberValue(number);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether every message is a <see cref="ChatMessage"/> itself (no subclass, whose contract could differ) with a
    /// role, only <see cref="TextContent"/> items (no subclass) without annotations or additional properties, well-formed texts, and
    /// every other serialized property null. <see cref="ChatMessage.RawRepresentation"/> is not serialized.
    /// </summary>
    private static bool IsPlain(ChatMessage[] messages)
    {
        foreach (ChatMessage? message in messages)
        {
            if (message is null || message.GetType() != typeof(ChatMessage) || message.Role.Value is not { } role || !IsWellFormed(role)
                || message.AuthorName is not null || message.CreatedAt is not null || message.MessageId is not null || message.AdditionalProperties is not null)
            {
                return false;
            }
            if (message.Contents is not { } contents)
                return false;
            foreach (AIContent? content in contents)
            {
                if (content is not TextContent text || content.GetType() != typeof(TextContent) || text.Annotations is not null || text.AdditionalProperties is not null || !IsWellFormed(text.Text))
                    return false;
            }
        }
        return true;
    }

    /// <summary>
    /// Whether <paramref name="options"/> are the options the judge sends: a <see cref="ChatOptions"/> itself with at
    /// most a model id (well-formed), a finite temperature and an output token limit, every other serialized property
    /// null. <see cref="ChatOptions.Tools"/> and <see cref="ChatOptions.RawRepresentationFactory"/> are not serialized.
    /// </summary>
    private static bool IsPlain(ChatOptions options) =>
        options.GetType() == typeof(ChatOptions)
        && (options.ModelId is null || IsWellFormed(options.ModelId))
        && (options.Temperature is not { } temperature || float.IsFinite(temperature))
        && options is
        {
            AdditionalProperties: null, AllowBackgroundResponses: null, AllowMultipleToolCalls: null, ContinuationToken: null,
            ConversationId: null, FrequencyPenalty: null, Instructions: null, PresencePenalty: null, Reasoning: null,
            ResponseFormat: null, Seed: null, StopSequences: null, ToolMode: null, TopK: null, TopP: null,
        };

    /// <summary>
    /// Whether <paramref name="text"/> is well-formed UTF-16 (no lone surrogate): escaping it once then gives the bytes
    /// MEAI's serialize, parse and write again give. A lone surrogate's escape is left to that round trip.
    /// </summary>
    private static bool IsWellFormed(string text)
    {
        ReadOnlySpan<char> rest = text;
        for (int i = rest.IndexOfAnyInRange('\uD800', '\uDFFF'); i >= 0; i = rest.IndexOfAnyInRange('\uD800', '\uDFFF'))
        {
            if (!char.IsHighSurrogate(rest[i]) || i + 1 >= rest.Length || !char.IsLowSurrogate(rest[i + 1]))
                return false;
            rest = rest[(i + 2)..];
        }
        return true;
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
            case JsonValueKind.String when JsonMarshal.GetRawUtf8Value(element) is var raw && raw.IndexOfAny(Unescaped) < 0 && raw.IndexOf("\\uD"u8) < 0:
                // Escaped by the same encoder from the same text, the serialized string is what un-escaping and
                // escaping it again gives; a surrogate's escape (e.g. of a lone one) is left to that round trip. A
                // string the serializer wrote without escaping (a date's '+', a converter's raw text) has a byte that
                // encoder escapes, and is written again too.
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
