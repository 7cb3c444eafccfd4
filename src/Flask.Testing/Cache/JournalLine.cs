using System;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.AI;

namespace Flask.Testing;

/// <summary>
/// One line of a judge cache journal, with its newline: <c>{"key":…,"entry":…}</c>, compact. The entry is a judge
/// answer as readable JSON (relaxed escaping) without the ids and timestamps the server makes up per call (so recording
/// the same answer again writes the same line), with the model id the request named (<c>flaskModel</c>) and the
/// cache's label (<c>flaskFixture</c>) last. Built in one pooled buffer and copied once into <see cref="Bytes"/>;
/// <see cref="Entry"/> is a slice of it.
/// </summary>
internal sealed class JournalLine
{
    /// <summary>The top-level property of an entry that names the model id its request named.</summary>
    public const string ModelProperty = "flaskModel";

    /// <summary>The top-level property of an entry that holds the cache's label (e.g. recorded fixtures).</summary>
    public const string LabelProperty = "flaskFixture";

    private static readonly string[] VolatileProperties = ["responseId", "messageId", "createdAt"];

    private static readonly JavaScriptEncoder Readable = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private JournalLine(string key, byte[] bytes, int entryStart, int entryLength)
    {
        Key = key;
        Bytes = bytes;
        Entry = bytes.AsMemory(entryStart, entryLength);
    }

    /// <summary>The key the line records its entry under.</summary>
    public string Key { get; }

    /// <summary>The line's bytes, newline included.</summary>
    public byte[] Bytes { get; }

    /// <summary>The entry's JSON, within <see cref="Bytes"/>.</summary>
    public ReadOnlyMemory<byte> Entry { get; }

    /// <summary>The line that records <paramref name="response"/> under <paramref name="key"/>.</summary>
    public static JournalLine Of(string key, ChatResponse response, JsonSerializerOptions options, string? model, string? label)
    {
        JudgeCacheDirectory.CheckKey(key);
        JsonTypeInfo typeInfo = options.GetTypeInfo(typeof(ChatResponse));
        using var serialized = new PooledByteBuffer(4096);
        // Compact whatever the options say (MEAI's default is indented): the entry is written compact anyway.
        using (var writer = new Utf8JsonWriter(serialized, new JsonWriterOptions { Encoder = options.Encoder, MaxDepth = JudgeCacheKey.EffectiveMaxDepth(options), SkipValidation = true }))
            JsonSerializer.Serialize(writer, response, typeInfo);
        using var line = new PooledByteBuffer(serialized.WrittenSpan.Length + key.Length + 128);
        int entryStart = Start(line, key);
        // The fast path copies the serializer's bytes, leaving the volatile properties out: no parse into a document and
        // no second writing of every string. It is taken only where that gives the very bytes re-writing gives.
        if (!TryCopyEntry(line, serialized.WrittenSpan, options, model, label))
        {
            line.Clear();
            entryStart = Start(line, key);
            Rewrite(line, serialized.WrittenMemory, model, label);
        }
        return End(key, line, entryStart);
    }

    /// <summary>The line that records the answer JSON <paramref name="value"/> under <paramref name="key"/>.</summary>
    public static JournalLine OfJson(string key, ReadOnlyMemory<byte> value, string? model, string? label)
    {
        JudgeCacheDirectory.CheckKey(key);
        using var line = new PooledByteBuffer(value.Length + key.Length + 128);
        int entryStart = Start(line, key);
        Rewrite(line, value, model, label);
        return End(key, line, entryStart);
    }

    /// <summary>The line that forgets the entry of <paramref name="key"/>.</summary>
    public static byte[] Removal(string key)
    {
        JudgeCacheDirectory.CheckKey(key);
        using var line = new PooledByteBuffer(key.Length + 32);
        Append(line, "{\"key\":\""u8);
        Append(line, key);
        Append(line, "\",\"removed\":true}\n"u8);
        return line.WrittenSpan.ToArray();
    }

    // A key is letters, digits, '-' and '_' (checked): written as it is, it is the JSON a writer gives.
    private static int Start(PooledByteBuffer line, string key)
    {
        Append(line, "{\"key\":\""u8);
        Append(line, key);
        Append(line, "\",\"entry\":"u8);
        return line.WrittenSpan.Length;
    }

    private static JournalLine End(string key, PooledByteBuffer line, int entryStart)
    {
        int entryLength = line.WrittenSpan.Length - entryStart;
        Append(line, "}\n"u8);
        return new JournalLine(key, line.WrittenSpan.ToArray(), entryStart, entryLength);
    }

    /// <summary>
    /// The entry re-written from its JSON: every string escaped readably, the volatile properties (at any depth) and
    /// the flask ones (at the top) left out, the flask ones added last.
    /// </summary>
    private static void Rewrite(PooledByteBuffer line, ReadOnlyMemory<byte> value, string? model, string? label)
    {
        using JsonDocument entry = JsonDocument.Parse(value);
        using var writer = new Utf8JsonWriter(line, new JsonWriterOptions { Encoder = Readable });
        WriteEntry(writer, entry.RootElement, model, label, top: true);
    }

    private static void WriteEntry(Utf8JsonWriter writer, JsonElement element, string? model = null, string? label = null, bool top = false)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (Array.IndexOf(VolatileProperties, property.Name) >= 0 || (top && property.Name is ModelProperty or LabelProperty))
                        continue;
                    writer.WritePropertyName(property.Name);
                    WriteEntry(writer, property.Value);
                }
                if (top && model is not null)
                    writer.WriteString(ModelProperty, model);
                if (top && label is not null)
                    writer.WriteString(LabelProperty, label);
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (JsonElement item in element.EnumerateArray())
                    WriteEntry(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    /// <summary>
    /// The entry as <see cref="Rewrite"/> writes it, by copying <paramref name="json"/> (compact, relaxed escaping, an
    /// object) without the byte ranges of the properties it leaves out; false, with nothing promised about
    /// <paramref name="line"/>, where re-writing could give other bytes (a <c>\u</c> escape, another encoder).
    /// </summary>
    private static bool TryCopyEntry(PooledByteBuffer line, ReadOnlySpan<byte> json, JsonSerializerOptions options, string? model, string? label)
    {
        // Re-writing turns a string's escapes back into the characters and escapes them again: the same bytes for the
        // short escapes (\" \\ \n ...), not necessarily for \uXXXX ones (e.g. a lone surrogate).
        if (options.Encoder != Readable || json.IndexOf("\\u"u8) >= 0
            || !TryEncode(model, out byte[]? modelText) || !TryEncode(label, out byte[]? labelText))
            return false;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;
        int copied = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0)
                break;
            if (reader.TokenType != JsonTokenType.PropertyName || !LeftOut(ref reader))
                continue;
            int start = (int)reader.TokenStartIndex;
            reader.Skip();
            int end = (int)reader.BytesConsumed;
            // The property goes with one comma: the one before it, or, first in its object, the one after it.
            if (json[start - 1] == (byte)',' && start - 1 >= copied)
                start--;
            else if (json[end] == (byte)',')
                end++;
            Append(line, json[copied..start]);
            copied = end;
        }
        int close = (int)reader.TokenStartIndex;
        Append(line, json[copied..close]);
        AppendProperty(line, ModelProperty, modelText);
        AppendProperty(line, LabelProperty, labelText);
        Append(line, "}"u8);
        return true;
    }

    private static bool LeftOut(ref Utf8JsonReader reader)
    {
        foreach (string name in VolatileProperties)
        {
            if (reader.ValueTextEquals(name))
                return true;
        }
        return reader.CurrentDepth == 1 && (reader.ValueTextEquals(ModelProperty) || reader.ValueTextEquals(LabelProperty));
    }

    /// <summary>A flask property's value as the writer escapes it (null: none); false where that needs a <c>\u</c> escape.</summary>
    private static bool TryEncode(string? value, out byte[]? text)
    {
        text = null;
        if (value is null)
            return true;
        try
        {
            text = JsonEncodedText.Encode(value, Readable).EncodedUtf8Bytes.ToArray();
        }
        catch (ArgumentException)
        {
            return false; // not valid UTF-16: left to the writer
        }
        return text.AsSpan().IndexOf("\\u"u8) < 0;
    }

    private static void AppendProperty(PooledByteBuffer line, string name, byte[]? text)
    {
        if (text is null)
            return;
        if (line.WrittenSpan[^1] != (byte)'{')
            Append(line, ","u8);
        Append(line, "\""u8);
        Append(line, name);
        Append(line, "\":\""u8);
        Append(line, text);
        Append(line, "\""u8);
    }

    private static void Append(PooledByteBuffer line, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(line.GetSpan(bytes.Length));
        line.Advance(bytes.Length);
    }

    /// <summary>ASCII text (a key, a property name) as its bytes.</summary>
    private static void Append(PooledByteBuffer line, string ascii)
    {
        Span<byte> span = line.GetSpan(ascii.Length);
        for (int i = 0; i < ascii.Length; i++)
            span[i] = (byte)ascii[i];
        line.Advance(ascii.Length);
    }
}
